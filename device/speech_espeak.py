"""Read-aloud with espeak-ng, in English (en-gb) and Welsh (cy).

    speech = SpeechEspeak(output="audio", volume=50, rate=150)     # the kiosk: the default audio device
    speech.say("Chwilio am swydd", "cy")      # kills whatever is being said, then speaks
    speech.stop()
    tests = SpeechEspeak(output=tmp_path)     # WAV files instead of sound: say-0001.wav, say-0002.wav, ...
    tests.say("Hello", "en"); tests.wait(); tests.files

Each ``say`` starts one ``espeak-ng`` process and kills the one before, so speech never overlaps and ``stop``
is instant. A small thread waits for each process, so a page read part by part hears "finished" (``on_done``,
through ``dispatch``) as soon as espeak-ng ends by itself; a process that was killed never reports. The text goes
to espeak-ng on its standard input, never on its command line: no shell ever sees
it, a text starting with "-" cannot be read as an option, and it does not show in the process list. Volume in
percent is espeak-ng's amplitude halved (50 % is its normal amplitude, 100; 100 % is 200, its loudest).

``output`` is "audio" on a kiosk. A folder (setting ``speech.output``) is for tests and machines with no sound
card: it keeps what was said on disk, so it is never for a kiosk in use. When espeak-ng ends with an error, or
says it could not open the audio device (it still exits 0 then), ``available()`` turns False until a run works.
"""

from __future__ import annotations

import logging
import shutil
import subprocess
import threading
from pathlib import Path

from device.speech import DEFAULT_VOLUME, Speech

log = logging.getLogger("jobpoint.speech")

PROGRAM = "espeak-ng"
#: espeak-ng's voice for each kiosk language.
VOICES = {"en": "en-gb", "cy": "cy"}
#: Words a minute when no rate is given (setting speech.rate): a little slower than espeak-ng's own 175.
DEFAULT_RATE = 150
#: The failure when espeak-ng has no audio device to play to (its own message varies by version).
NO_AUDIO = "no audio device to play to"


class SpeechEspeak(Speech):
    """Speaks through espeak-ng, one process at a time.

    :param output: "audio" (the default audio device) or a folder for WAV files.
    :param volume: the kiosk's volume in percent (``speech.volume``).
    :param rate: words a minute (``speech.rate``).
    """

    name = "espeak"

    def __init__(self, *, output: str | Path = "audio", volume: int = DEFAULT_VOLUME,
                 rate: int = DEFAULT_RATE) -> None:
        super().__init__(volume=volume)
        self.output = output if output == "audio" else Path(output)
        self.rate = int(rate)
        self.files: list[Path] = []
        self._program = shutil.which(PROGRAM)
        self._process: subprocess.Popen | None = None
        self._process_file: Path | None = None
        self._count = 0
        self._failure = "" if self._program else f"{PROGRAM} is not installed"
        self._lock = threading.Lock()
        if self.output != "audio":
            log.warning("speech espeak: writing WAV files to %s: for tests only, it keeps what is said",
                        self.output)

    @classmethod
    def can_run(cls) -> tuple[bool, str]:
        """Whether espeak-ng is installed with both voices."""
        program = shutil.which(PROGRAM)
        if not program:
            return False, f"{PROGRAM} is not installed (Debian package espeak-ng)"
        try:
            listing = subprocess.run([program, "--voices"], capture_output=True, text=True, timeout=10).stdout
        except (OSError, subprocess.TimeoutExpired) as error:
            return False, f"{PROGRAM} --voices failed ({type(error).__name__})"
        languages = {line.split()[1] for line in listing.splitlines()[1:] if len(line.split()) > 1}
        missing = [voice for voice in VOICES.values() if voice not in languages]
        if missing:
            return False, f"{PROGRAM} has no {' or '.join(missing)} voice"
        return True, ""

    @classmethod
    def from_settings(cls, settings) -> SpeechEspeak:
        """The provider for ``speech.output``, ``speech.volume`` and ``speech.rate``.

        :param settings: the kiosk settings.
        """
        return cls(output=settings.get("speech.output", "audio"), volume=settings.get("speech.volume", 50),
                   rate=settings.get("speech.rate", DEFAULT_RATE))

    @property
    def speaking(self) -> bool:
        """True while espeak-ng is still speaking (or writing its WAV file)."""
        process = self._process
        return process is not None and process.poll() is None

    def wait(self, timeout: float = 30.0) -> bool:
        """Wait until what is being said is finished (for tests and the tour); True if it finished.

        :param timeout: longest wait in seconds.
        """
        process = self._process
        if process is None:
            return True
        try:
            process.wait(timeout=timeout)
        except subprocess.TimeoutExpired:
            return False
        with self._lock:
            if process is self._process:
                self._process = None
                self._finish(process)
        return True

    def check(self) -> bool:
        """Find out now whether speech can be heard, and return ``available()``.

        With ``output = "audio"`` this plays one sound at volume 0 (espeak-ng only opens the audio device when
        there is something to say), unless something is being said already. open_devices calls it once.
        """
        if self.output != "audio" or not self._program or self.speaking:
            return self.available()
        try:
            result = subprocess.run([self._program, "-a", "0", "-b", "1", "--stdin"], input=b"a",
                                    stdout=subprocess.DEVNULL, stderr=subprocess.PIPE, timeout=10)
        except (OSError, subprocess.TimeoutExpired) as error:
            with self._lock:
                self._failure = f"{PROGRAM} did not run ({type(error).__name__})"
            return False
        with self._lock:
            self._judge(result.returncode, result.stderr)
        return self.available()

    def detail(self) -> str:
        """The voices, rate, volume and output; or why it cannot be heard."""
        self._check_finished()
        where = "default audio device" if self.output == "audio" else f"WAV files in {self.output}"
        text = f"{VOICES['en']} and {VOICES['cy']} voices, {self.rate} words a minute, volume {self.volume}%, {where}"
        return f"{self._failure}; {text}" if self._failure else text

    def problem(self) -> str:
        """"no_engine" when espeak-ng is missing, "no_audio" when there is nothing to play to, else ""."""
        self._check_finished()
        if not self._program:
            return "no_engine"
        return "no_audio" if self._failure == NO_AUDIO else ""

    # --- the hooks the base calls -----------------------------------------------------------------------------

    def _speak(self, text: str, language: str) -> None:
        with self._lock:
            self._kill()
            if not self._program:
                return
            command = [self._program, "-v", VOICES[language], "-a", str(self.volume * 2), "-s", str(self.rate),
                       "-b", "1"]  # -b 1: the input is UTF-8 (Welsh letters such as ŵ and ŷ)
            if isinstance(self.output, Path):  # a folder for WAV files, not "audio"
                self._count += 1
                self._process_file = self.output / f"say-{self._count:04d}.wav"
                self.output.mkdir(parents=True, exist_ok=True)
                command += ["-w", str(self._process_file)]
            command.append("--stdin")
            data = text.encode("utf-8")
            try:
                process = subprocess.Popen(command, stdin=subprocess.PIPE, stdout=subprocess.DEVNULL,
                                           stderr=subprocess.PIPE)
            except OSError as error:
                self._failure = f"{PROGRAM} could not start ({type(error).__name__})"
                log.error("speech espeak: %s", self._failure)
                return
            self._process = process
            if self._process_file:
                self.files.append(self._process_file)
            threading.Thread(target=self._watch, args=(process, self.token), daemon=True,
                             name="speech-watch").start()
            try:
                # At most MAX_CHARACTERS (10,000) characters, 40 KB of UTF-8: less than a pipe holds, so this
                # never waits for espeak-ng to read it.
                assert process.stdin is not None  # stdin=PIPE
                process.stdin.write(data)
                process.stdin.close()
            except OSError:  # espeak-ng died at once; _finish reports it
                pass

    def _stop(self) -> None:
        with self._lock:
            self._kill()

    def _healthy(self) -> bool:
        self._check_finished()
        return not self._failure

    # --- the espeak-ng process --------------------------------------------------------------------------------

    def _kill(self) -> None:
        """End the current process, if any (lock held); a WAV file it had not finished is deleted."""
        process, self._process = self._process, None
        if process is None:
            return
        if process.poll() is not None:
            self._finish(process)
            return
        process.kill()  # SIGKILL: cut off mid-word at once; espeak-ng has nothing to tidy up
        process.wait()
        _close(process)
        if self._process_file:
            self._process_file.unlink(missing_ok=True)
            if self._process_file in self.files:
                self.files.remove(self._process_file)
            self._process_file = None

    def _watch(self, process: subprocess.Popen, token: int) -> None:
        """Wait (on its own thread) for one process to end, then say so: ``on_done`` runs if it is still current."""
        process.wait()
        with self._lock:
            if process is self._process:
                self._process = None
                self._finish(process)
        # A process killed by stop() or the next say() belongs to an older token: the base ignores it.
        self._spoken(token)

    def _check_finished(self) -> None:
        with self._lock:
            if self._process is not None and self._process.poll() is not None:
                process, self._process = self._process, None
                self._finish(process)

    def _finish(self, process: subprocess.Popen) -> None:
        """Note how a process that ended by itself went (lock held; it is no longer ``self._process``)."""
        errors = process.stderr.read() if process.stderr else b""
        _close(process)
        self._process_file = None
        self._judge(process.returncode, errors)

    def _judge(self, returncode: int, errors: bytes) -> None:
        """Set or clear ``_failure`` from how a run ended (never logging the text: only what went wrong)."""
        lines = errors.decode("utf-8", "replace").splitlines()
        if returncode != 0:
            self._failure = f"{PROGRAM} failed (exit status {returncode})"
        elif any(line.startswith("error:") or "cannot find card" in line for line in lines):
            # espeak-ng exits 0 even when it could not open the audio device: what it prints is the only sign.
            self._failure = NO_AUDIO
        else:
            self._failure = ""
            return
        log.error("speech espeak: %s", self._failure)


def _close(process: subprocess.Popen) -> None:
    for stream in (process.stdin, process.stderr):
        if stream:
            try:
                stream.close()
            except OSError:
                pass
