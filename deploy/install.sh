#!/usr/bin/env bash
# Install Jobpoint as a locked kiosk on Debian 12 or Ubuntu 22.04+ (one command, as root):
#
#   sudo deploy/install.sh --bundle jobpoint-<version>.tar.gz [--enrol TOKEN --central URL] [--name NAME]
#                          [--office-window 02:00-05:00] [--root DIR] [--no-start]
#
#   --bundle FILE         the build from `make dist` (top folder jobpoint-<version>/ with the kiosk program); a
#                         FILE.sha256 next to it is checked
#   --enrol TOKEN         join the fleet with a one-time token from `kiosk-central token` (needs --central)
#   --central URL         the central service, written to /etc/jobpoint/kiosk.toml
#   --name NAME           this kiosk's name in the fleet (default: the host name)
#   --office-window A-B   the nightly maintenance window, 24-hour clock (default 02:00-05:00): the kiosk restarts
#                         once a night inside it, and installs app updates only inside it (update.window)
#   --root DIR            install into another root (a debootstrap chroot, for tests): commands run in it with
#                         chroot, systemd units are enabled with systemctl --root, nothing is started
#   --no-start            do not start the kiosk at the end
#
# Running it again is safe: it keeps /etc/jobpoint/kiosk.toml and the data, and a new bundle becomes current
# with the old one kept as previous (the update guard rolls back to it if the new one never becomes healthy).
# Exit codes: 0 installed; 1 failed (the message says why); 2 installed but enrolment failed (the message says
# what to run); 64 called wrongly.
set -euo pipefail

readonly USER_NAME=jobpoint
readonly HOME_DIR=/var/lib/jobpoint
readonly OPT=/opt/jobpoint
readonly LIB=/usr/local/lib/jobpoint
readonly ETC=/etc/jobpoint
readonly UNITS=/etc/systemd/system
# cage + XWayland: the display session (why cage and not Xorg: see README "Deployment"); libpam-systemd and
# dbus for its logind seat; Mesa and the X client libraries the app draws with; the card reader service and
# driver; CUPS; espeak-ng for read-aloud; a console font for the out-of-order screen; Noto fonts so printouts
# carry Arabic, Bengali, Gurmukhi, Chinese and other scripts (kiosk/pdf_fonts.py); jq and util-linux for the
# update guard.
readonly PACKAGES="cage xwayland libpam-systemd dbus systemd libgl1-mesa-dri libegl1 libegl-mesa0 libmtdev1
  libx11-6 pcscd libccid cups cups-client espeak-ng fonts-dejavu-core fonts-noto-core fonts-noto-cjk kbd
  console-setup-linux jq util-linux"

here="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
bundle="" token="" central="" name="" window="02:00-05:00" root="" start=yes

say() { echo "install: $*"; }
fail() { echo "install: $*" >&2; exit 1; }
usage_error() { echo "install: $*" >&2; echo "Usage: sudo $0 --bundle jobpoint-<version>.tar.gz [--enrol TOKEN --central URL] [--office-window 02:00-05:00]" >&2; exit 64; }

while [ $# -gt 0 ]; do
  case "$1" in
    --bundle|--enrol|--central|--name|--office-window|--root)
      [ $# -ge 2 ] && [ -n "$2" ] || usage_error "$1 needs a value."
      case "$1" in
        --bundle) bundle="$2" ;; --enrol) token="$2" ;; --central) central="$2" ;; --name) name="$2" ;;
        --office-window) window="$2" ;; --root) root="$2" ;;
      esac
      shift ;;
    --no-start) start=no ;;
    --print-packages) echo $PACKAGES; exit 0 ;;
    -h|--help) sed -n '2,24p' "$0" | sed 's/^# \{0,1\}//'; exit 0 ;;
    *) usage_error "unknown option \"$1\"." ;;
  esac
  shift
done

# ---- Check everything before changing anything -------------------------------------------------------------
[ -n "$bundle" ] || usage_error "say which build to install with --bundle jobpoint-<version>.tar.gz."
[ -f "$bundle" ] || fail "the bundle $bundle does not exist."
[[ "$(basename "$bundle")" =~ ^jobpoint-([0-9A-Za-z][0-9A-Za-z.+~_-]*)\.tar\.gz$ ]] \
  || fail "the bundle must be called jobpoint-<version>.tar.gz (as make dist names it), not $(basename "$bundle")."
version="${BASH_REMATCH[1]}"
if [ -n "$token" ] && [ -z "$central" ]; then
  usage_error "--enrol needs --central URL: the web address of the central service."
fi
# No quotes, backslashes or spaces: the address goes into kiosk.toml as a TOML string.
if [ -n "$central" ] && { ! [[ "$central" =~ ^https?://[^/[:space:]]+ ]] || [[ "$central" == *[\"\\[:space:]]* ]]; }; then
  fail "--central must be a web address starting http:// or https://, not \"$central\"."
fi
[[ "$window" =~ ^([01][0-9]|2[0-3]):([0-5][0-9])-([01][0-9]|2[0-3]):([0-5][0-9])$ ]] \
  || fail "--office-window must be two times on the 24-hour clock, like 02:00-05:00, not \"$window\"."
start_minute=$((10#${BASH_REMATCH[1]} * 60 + 10#${BASH_REMATCH[2]}))
end_minute=$((10#${BASH_REMATCH[3]} * 60 + 10#${BASH_REMATCH[4]}))
window_minutes=$(( (end_minute - start_minute + 1440) % 1440 ))
[ "$window_minutes" -ge 15 ] || fail "--office-window must be at least 15 minutes long, not \"$window\"."
if [ -n "$name" ] && ! [[ "$name" =~ ^[A-Za-z0-9][A-Za-z0-9._-]{0,62}$ ]]; then
  fail "--name must be letters, digits, dots, dashes or underscores (at most 63), not \"$name\"."
fi
if [ -n "$root" ]; then
  [ -f "$root/etc/debian_version" ] || fail "--root $root is not a Debian system (no etc/debian_version); make one with debootstrap."
  root="$(cd "$root" && pwd)"
  start=no
fi
[ "$(id -u)" = 0 ] || fail "run it as root: sudo $0 ..."
[ -f "$bundle.sha256" ] && { (cd "$(dirname "$bundle")" && sha256sum --quiet -c "$(basename "$bundle").sha256") \
  || fail "the bundle does not match $bundle.sha256: download it again."; }
listing="$(tar -tzf "$bundle" 2>/dev/null)" || fail "$bundle is not a readable .tar.gz file."
grep -qx "jobpoint-$version/kiosk" <<<"$listing" \
  || fail "$bundle has no jobpoint-$version/kiosk program: is it a make dist build of version $version?"
if grep -Eq '(^|/)\.\.(/|$)|^/' <<<"$listing"; then fail "$bundle holds unsafe paths (.. or /): refusing it."; fi

# Run a command inside the target system.
in_root() { if [ -n "$root" ]; then chroot "$root" "$@"; else "$@"; fi; }
as_kiosk() { in_root runuser -u "$USER_NAME" -- env HOME="$HOME_DIR" JOBPOINT_CONFIG="$ETC/kiosk.toml" "$@"; }
sysctl_() { if [ -n "$root" ]; then systemctl --root="$root" "$@"; else systemctl "$@"; fi; }
R="$root"  # prefix for paths

# ---- 1. System packages (only the missing ones) ------------------------------------------------------------
missing=""
for p in $PACKAGES; do
  in_root dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
  say "installing system packages:$missing"
  in_root apt-get update -qq
  in_root env DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends $missing >/dev/null
else
  say "system packages: all present"
fi

# ---- 2. The kiosk user: no password, no sudo, no login shell ----------------------------------------------
if ! in_root getent passwd "$USER_NAME" >/dev/null; then
  in_root useradd --system --user-group --home-dir "$HOME_DIR" --no-create-home --shell /usr/sbin/nologin \
    --comment "Jobpoint kiosk" "$USER_NAME"
  say "made the system user $USER_NAME"
fi
in_root usermod --shell /usr/sbin/nologin "$USER_NAME" 2>/dev/null || true
in_root passwd --lock "$USER_NAME" >/dev/null
# The screen, input devices and sound; never sudo or any admin group.
for group in video render input audio; do
  in_root getent group "$group" >/dev/null && in_root usermod -aG "$group" "$USER_NAME"
done
for group in sudo wheel adm lpadmin; do
  in_root getent group "$group" >/dev/null && in_root gpasswd -d "$USER_NAME" "$group" >/dev/null 2>&1 || true
done

# ---- 3. Folders -----------------------------------------------------------------------------------------------
install -d -m 0755 -o root -g root "$R$OPT" "$R$OPT/versions" "$R$ETC" "$R$LIB"
install -d -m 0750 "$R$HOME_DIR"
in_root chown "$USER_NAME:$USER_NAME" "$HOME_DIR"
# The lock the guard, `kiosk update apply` (both root) and the app (the kiosk user) take to change the update
# state: made here, the kiosk user's, so a guard running first under UMask=0077 cannot make it root's only.
[ -e "$R$HOME_DIR/update-state.lock" ] || : >"$R$HOME_DIR/update-state.lock"
chmod 0644 "$R$HOME_DIR/update-state.lock"
in_root chown "$USER_NAME:$USER_NAME" "$HOME_DIR/update-state.lock"

# ---- 4. The build, side by side with earlier ones -------------------------------------------------------------
if [ -d "$R$OPT/versions/$version" ]; then
  say "version $version is already unpacked"
else
  unpack="$(mktemp -d "$R$OPT/versions/.unpack.XXXXXX")"
  tar -xzf "$bundle" -C "$unpack" --no-same-owner --no-same-permissions
  chmod -R u+rwX,go+rX,go-w "$unpack/jobpoint-$version"
  chmod 0755 "$unpack/jobpoint-$version/kiosk"
  mv -T "$unpack/jobpoint-$version" "$R$OPT/versions/$version"
  rmdir "$unpack"
  say "unpacked version $version into $OPT/versions/$version"
fi

# Make a link under a temporary name and rename it over the old one: the name always exists (see deploy/guard).
switch_link() {
  local link="$1" version="$2" tmp="$1.new.$$"
  ln -sfn "versions/$version" "$tmp" && mv -T "$tmp" "$link"
}
state_file="$R$HOME_DIR/update-state.json"
now="$(date -u +%Y-%m-%dT%H:%M:%SZ)"
old=""
[ -L "$R$OPT/current" ] && [ -d "$R$OPT/current/" ] && old="$(basename "$(readlink "$R$OPT/current")")"
write_state() {
  local tmp="$state_file.install.$$"
  jq -n "$@" >"$tmp"
  chmod 0644 "$tmp"
  in_root chown "$USER_NAME:$USER_NAME" "${tmp#"$R"}"
  mv -T "$tmp" "$state_file"
}
if [ -z "$old" ]; then
  switch_link "$R$OPT/current" "$version"
  write_state --arg v "$version" '{state: "idle", version: $v, previous: null, switched_at: null, starts: 0,
    rolled_back_from: null, rolled_back_at: null, reason: null}'
  say "current -> versions/$version"
elif [ "$old" != "$version" ]; then
  # previous first: while current changes, the version to go back to is already in place.
  switch_link "$R$OPT/previous" "$old"
  switch_link "$R$OPT/current" "$version"
  write_state --arg v "$version" --arg p "$old" --arg at "$now" '{state: "switched", version: $v, previous: $p,
    switched_at: $at, starts: 0, rolled_back_from: null, rolled_back_at: null, reason: null}'
  say "current -> versions/$version, previous -> versions/$old (on trial until it reports healthy)"
else
  say "version $version is already current"
fi

# ---- 5. Config (kept if it exists: it is office IT's) ---------------------------------------------------------
# App updates: the app (as the kiosk user) downloads into the data folder and asks for a switch; root's
# `kiosk update apply` (ExecStartPre) installs it here, so the kiosk user never writes to $OPT.
update_section() {
  echo "[update]"
  echo "enabled = true"
  echo "root = \"$OPT\""
  echo "window = \"$window\""
}
if [ ! -e "$R$ETC/kiosk.toml" ]; then
  kiosk_name="${name:-$(in_root hostname 2>/dev/null || cat "$R/etc/hostname" 2>/dev/null || echo kiosk)}"
  {
    echo "# Jobpoint kiosk settings (written by deploy/install.sh; every setting: kiosk settings --markdown)."
    echo "[kiosk]"
    echo "id = \"$kiosk_name\""
    echo "data_dir = \"$HOME_DIR\""
    echo ""
    echo "[central]"
    [ -n "$central" ] && echo "url = \"$central\"" || echo "# url = \"https://jobpoint-central.example\""
    echo "credential_file = \"$HOME_DIR/credential.json\""
    echo ""
    echo "[devices]"
    echo "# Once the card reader and printer are set up, make a missing device stop the kiosk instead of faking it:"
    echo "# simulated_fallback = \"error\""
    echo ""
    update_section
  } >"$R$ETC/kiosk.toml"
  chmod 0644 "$R$ETC/kiosk.toml"
  say "wrote $ETC/kiosk.toml"
else
  say "kept the existing $ETC/kiosk.toml"
  if ! grep -q '^[[:space:]]*\[update\]' "$R$ETC/kiosk.toml"; then
    { echo ""; update_section; } >>"$R$ETC/kiosk.toml"
    say "added an [update] section to $ETC/kiosk.toml (updates on, window $window)"
  fi
  [ -z "$central" ] || grep -q "url = \"$central\"" "$R$ETC/kiosk.toml" \
    || say "note: $ETC/kiosk.toml has a different central.url from --central $central; edit it if that is wrong"
fi

# ---- 6. The guard, the out-of-order screen, systemd units -----------------------------------------------------
install -m 0755 "$here/guard" "$R$LIB/guard"
install -m 0755 "$here/out-of-order" "$R$LIB/out-of-order"
install -m 0755 "$here/uninstall.sh" "$R$LIB/uninstall.sh"
for unit in jobpoint-kiosk.service jobpoint-out-of-order.service jobpoint-restart.service \
            jobpoint-guard.service jobpoint-guard.timer; do
  install -m 0644 "$here/systemd/$unit" "$R$UNITS/$unit"
done
# Spread the restart over the window, leaving 10 minutes at its end.
spread=$(( window_minutes > 20 ? window_minutes - 10 : window_minutes / 2 ))
sed -e "s/@WINDOW@/$window/g" -e "s/@START@/${window%%-*}/g" -e "s/@SPREAD@/${spread}min/g" \
  "$here/systemd/jobpoint-restart.timer.in" >"$R$UNITS/jobpoint-restart.timer"
chmod 0644 "$R$UNITS/jobpoint-restart.timer"
install -m 0644 "$here/systemd/jobpoint-kiosk.pam" "$R/etc/pam.d/jobpoint-kiosk"
[ -n "$root" ] || systemctl daemon-reload
sysctl_ enable jobpoint-kiosk.service jobpoint-restart.timer jobpoint-guard.timer pcscd.socket cups.service >/dev/null 2>&1 \
  || sysctl_ enable jobpoint-kiosk.service jobpoint-restart.timer jobpoint-guard.timer pcscd.socket cups.service
# tty1 belongs to the kiosk; Ctrl+Alt+Del must not reboot a public machine.
sysctl_ mask getty@tty1.service ctrl-alt-del.target >/dev/null 2>&1 || true
# The kiosk starts with the graphical target; remember another default so uninstall.sh can put it back.
default_target="$(sysctl_ get-default 2>/dev/null || true)"
if [ -n "$default_target" ] && [ "$default_target" != graphical.target ]; then
  [ -e "$R$LIB/default-target.before" ] || echo "$default_target" >"$R$LIB/default-target.before"
  sysctl_ set-default graphical.target >/dev/null 2>&1 || true
fi
say "installed and enabled the systemd units (nightly restart in $window)"

# ---- 7. CUPS: keep no copy and no history of printed jobs (CVs are personal data) ------------------------------
cupsd_conf="$R/etc/cups/cupsd.conf"
if [ -f "$cupsd_conf" ]; then
  sed -i -e '/^# jobpoint: begin/,/^# jobpoint: end/d' \
         -e 's/^\([[:space:]]*PreserveJob\(Files\|History\)[[:space:]]\)/#jobpoint-was: \1/' "$cupsd_conf"
  printf '%s\n' "# jobpoint: begin (printed CVs are personal data: keep no job files and no job history)" \
    "PreserveJobFiles No" "PreserveJobHistory No" "# jobpoint: end" >>"$cupsd_conf"
  [ -n "$root" ] || systemctl restart cups.service || say "note: could not restart CUPS; it reads the settings at its next start"
  say "CUPS keeps no printed files and no job history"
else
  say "note: $cupsd_conf is missing: CUPS is not installed?"
fi

# ---- 8. Enrolment, as the kiosk user (the credential is its own, mode 0600) -----------------------------------
status=0
if [ -n "$token" ]; then
  enrol_args=(enrol "$token" --url "$central")
  [ -z "$name" ] || enrol_args+=(--name "$name")
  if as_kiosk "$OPT/current/kiosk" "${enrol_args[@]}"; then
    say "enrolled with $central"
  else
    echo "install: installed, but enrolment failed (see above). Ask IT for a new token, then run:" >&2
    echo "  sudo runuser -u $USER_NAME -- env HOME=$HOME_DIR $OPT/current/kiosk enrol TOKEN --url $central" >&2
    status=2
  fi
fi

# ---- 9. Start -------------------------------------------------------------------------------------------------
if [ "$start" = yes ]; then
  systemctl restart jobpoint-kiosk.service jobpoint-guard.timer jobpoint-restart.timer pcscd.socket
  say "started the kiosk on tty1"
fi
say "done: Jobpoint $version installed. Remove it with: sudo $LIB/uninstall.sh"
exit "$status"
