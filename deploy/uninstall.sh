#!/usr/bin/env bash
# Remove Jobpoint from a kiosk PC: the units, the build, the config, the kiosk user and (asked, or --purge)
# its data. install.sh copies this script to /usr/local/lib/jobpoint/uninstall.sh.
#
#   sudo uninstall.sh [--purge | --keep-data] [--root DIR]
#
#   --purge      also delete /var/lib/jobpoint (vacancy cache, credential, unsent usage counts) without asking
#   --keep-data  keep /var/lib/jobpoint, owned by root and readable by nobody else (without either option it
#                asks, and keeps the data when nobody is there to answer)
#   --root DIR   remove it from another root (a chroot, for tests)
#
# The system packages (cage, CUPS, pcscd ...) stay: other software may use them. The data folder holds no
# personal data (the kiosk never writes any), but it holds the kiosk's credential, so it is deleted or locked.
set -euo pipefail

readonly USER_NAME=jobpoint
readonly HOME_DIR=/var/lib/jobpoint
readonly UNITS="jobpoint-kiosk.service jobpoint-out-of-order.service jobpoint-restart.service
  jobpoint-restart.timer jobpoint-guard.service jobpoint-guard.timer"

data=ask root=""
while [ $# -gt 0 ]; do
  case "$1" in
    --purge) data=delete ;;
    --keep-data) data=keep ;;
    --root) [ $# -ge 2 ] && [ -n "$2" ] || { echo "uninstall: --root needs a folder." >&2; exit 64; }
            root="$(cd "$2" && pwd)"; shift ;;
    -h|--help) sed -n '2,15p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) echo "uninstall: unknown option \"$1\". Try: uninstall.sh --help" >&2; exit 64 ;;
  esac
  shift
done
[ "$(id -u)" = 0 ] || { echo "uninstall: run it as root: sudo $0" >&2; exit 1; }

say() { echo "uninstall: $*"; }
in_root() { if [ -n "$root" ]; then chroot "$root" "$@"; else "$@"; fi; }
sysctl_() { if [ -n "$root" ]; then systemctl --root="$root" "$@"; else systemctl "$@"; fi; }
R="$root"

if [ "$data" = ask ] && [ -d "$R$HOME_DIR" ]; then
  if [ -t 0 ]; then
    read -r -p "Delete the kiosk's data in $HOME_DIR (vacancy cache, credential, unsent usage counts)? [y/N] " answer
    case "$answer" in [yY]*) data=delete ;; *) data=keep ;; esac
  else
    data=keep
  fi
fi

# ---- Units ------------------------------------------------------------------------------------------------------
if [ -z "$root" ]; then
  # shellcheck disable=SC2086
  systemctl disable --now $UNITS >/dev/null 2>&1 || true
fi
# shellcheck disable=SC2086
sysctl_ disable $UNITS >/dev/null 2>&1 || true
for unit in $UNITS; do rm -f "$R/etc/systemd/system/$unit"; done
rm -f "$R/etc/pam.d/jobpoint-kiosk"
sysctl_ unmask getty@tty1.service ctrl-alt-del.target >/dev/null 2>&1 || true
if [ -f "$R/usr/local/lib/jobpoint/default-target.before" ]; then
  sysctl_ set-default "$(cat "$R/usr/local/lib/jobpoint/default-target.before")" >/dev/null 2>&1 || true
fi
[ -n "$root" ] || systemctl daemon-reload
say "removed the systemd units"

# ---- CUPS: take out our block, put back any lines it replaced -----------------------------------------------------
cupsd_conf="$R/etc/cups/cupsd.conf"
if [ -f "$cupsd_conf" ] && grep -q '^# jobpoint: begin' "$cupsd_conf"; then
  sed -i -e '/^# jobpoint: begin/,/^# jobpoint: end/d' -e 's/^#jobpoint-was: //' "$cupsd_conf"
  [ -n "$root" ] || systemctl try-restart cups.service || true
  say "restored $cupsd_conf"
fi

# ---- Files -------------------------------------------------------------------------------------------------------
rm -rf "$R/opt/jobpoint" "$R/etc/jobpoint"
say "removed /opt/jobpoint and /etc/jobpoint"

# ---- The kiosk user (its processes first) -----------------------------------------------------------------------
if in_root getent passwd "$USER_NAME" >/dev/null; then
  [ -n "$root" ] || pkill -KILL -u "$USER_NAME" 2>/dev/null || true
  in_root userdel "$USER_NAME"
  say "removed the user $USER_NAME"
fi
in_root getent group "$USER_NAME" >/dev/null && in_root groupdel "$USER_NAME" || true

# ---- Data ---------------------------------------------------------------------------------------------------------
if [ -d "$R$HOME_DIR" ]; then
  if [ "$data" = delete ]; then
    rm -rf "$R$HOME_DIR"
    say "deleted $HOME_DIR"
  else
    # The user is gone: give the folder to root, so a future user with the same number cannot read it.
    chown -R root:root "$R$HOME_DIR"
    chmod 0700 "$R$HOME_DIR"
    say "kept $HOME_DIR (owned by root, mode 0700); delete it with: sudo rm -rf $HOME_DIR"
  fi
fi
# Last, because this script may be running from there.
rm -rf "$R/usr/local/lib/jobpoint"
say "done. The system packages (cage, CUPS, pcscd, espeak-ng ...) are still installed."
