"""Atomic file writes that honour the umask, and up-front checks that an output path is writable.

Nothing half-written is ever left at a destination path: data go to a temporary sibling that is renamed
onto the destination only when complete. ``tempfile`` creates files 0600 and directories 0700; the
results are re-permissioned to ``0o666 & ~umask`` / ``0o777 & ~umask`` so that colleagues sharing a
cluster directory can read them, exactly as for a file written with ``open()``.
"""

from __future__ import annotations

import contextlib
import errno
import os
import re
import shutil
import tempfile
from collections.abc import Iterator
from pathlib import Path

from landauer.validation import ParameterError


def current_umask() -> int:
    """The process umask (read without changing it for longer than two system calls)."""
    mask = os.umask(0o022)
    os.umask(mask)
    return mask


def _chmod_tree(root: Path) -> None:
    """Give ``root`` and everything below it the permissions ``open()``/``mkdir()`` would have given."""
    mask = current_umask()
    fmode, dmode = 0o666 & ~mask, 0o777 & ~mask
    if root.is_dir():
        for dirpath, _dirs, files in os.walk(root):
            os.chmod(dirpath, dmode)
            for f in files:
                os.chmod(os.path.join(dirpath, f), fmode)
    else:
        os.chmod(root, fmode)


def check_writable_file(path: str | os.PathLike[str], flag: str) -> Path:
    """Check, before any work, that a file can be created or replaced at ``path``.

    The parent directory must exist, be a directory and be writable (``os.access`` with the effective
    ids), and ``path`` itself must not be a directory. Raises :class:`ParameterError` naming ``flag``.
    """
    dest = Path(path)
    if str(path).strip() == "":
        raise ParameterError(f"{flag}: empty path", name=flag)
    if dest.is_dir():
        raise ParameterError(f"{flag} {path}: is a directory; give a file name", name=flag)
    parent = dest.parent
    if parent.exists() and not parent.is_dir() or not parent.exists() and _file_ancestor(parent):
        _check_parent(dest, flag, path)  # names the file in the way
    if not parent.exists():
        raise ParameterError(f"{flag} {path}: directory {parent} does not exist", name=flag)
    _check_parent(dest, flag, path)
    if dest.exists() and not os.access(dest, os.W_OK) and not os.access(dest.parent, os.W_OK):
        raise ParameterError(f"{flag} {path}: file is not writable", name=flag)
    return dest


def check_writable_dir(path: str | os.PathLike[str], flag: str) -> Path:
    """Check, before any work, that ``path`` is (or can be created as) a writable directory."""
    dest = Path(path)
    if str(path).strip() == "":
        raise ParameterError(f"{flag}: empty path", name=flag)
    if dest.exists():
        if not dest.is_dir():
            raise ParameterError(f"{flag} {path}: exists and is not a directory", name=flag)
        if not _writable_dir(dest):
            raise ParameterError(f"{flag} {path}: directory is not writable (read-only or no permission)",
                                 name=flag)
        return dest
    _check_parent(dest, flag, path)
    return dest


def _file_ancestor(p: Path) -> bool:
    while not p.exists() and p.parent != p:
        p = p.parent
    return p.exists() and not p.is_dir()


def _check_parent(dest: Path, flag: str, shown: object) -> None:
    # the nearest existing ancestor decides: a file there, or no write access, fails now, not after the run
    anc = dest.parent if str(dest.parent) else Path(".")
    while not anc.exists():
        if anc.parent == anc:
            break
        anc = anc.parent
    if anc.exists() and not anc.is_dir():
        raise ParameterError(f"{flag} {shown}: {anc} is a file, not a directory", name=flag)
    if not _writable_dir(anc):
        raise ParameterError(f"{flag} {shown}: directory {anc} is not writable (read-only or no permission)",
                             name=flag)


def _writable_dir(d: Path) -> bool:
    """``os.access`` says yes for root even on a read-only mount; a real probe file settles it."""
    if not os.access(d, os.W_OK | os.X_OK):
        return False
    try:
        fd, probe = tempfile.mkstemp(prefix=".landauer-probe.", dir=d)
    except OSError as exc:
        if exc.errno in (errno.EROFS, errno.EACCES, errno.EPERM, errno.ENOSPC, errno.EDQUOT):
            return False
        raise
    os.close(fd)
    with contextlib.suppress(FileNotFoundError):
        os.unlink(probe)
    return True


@contextlib.contextmanager
def atomic_path(path: str | os.PathLike[str], *, suffix: str = "") -> Iterator[Path]:
    """Yield a temporary path next to ``path``; on success rename it onto ``path``.

    On any exception (Ctrl-C included) the temporary file is removed and ``path`` is untouched. The new
    file gets the permissions the umask gives an ordinary ``open()``.
    """
    dest = Path(path)
    dest.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{dest.name}.", suffix=suffix or ".tmp", dir=dest.parent)
    os.close(fd)
    tmp_path = Path(tmp)
    try:
        yield tmp_path
        _chmod_tree(tmp_path)
        os.replace(tmp_path, dest)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp_path.unlink()
        raise


def atomic_write_text(path: str | os.PathLike[str], text: str) -> None:
    """Write ``text`` to ``path`` atomically (UTF-8)."""
    with atomic_path(path) as tmp:
        tmp.write_text(text, encoding="utf-8")


MANIFEST = ".landauer-manifest"
"""File listing what landauer wrote into an output directory; only those files are ever replaced."""


def foreign_files(path: str | os.PathLike[str]) -> list[str]:
    """Files in directory ``path`` that landauer did not write (not in its manifest), sorted."""
    dest = Path(path)
    if not dest.is_dir():
        return []
    ours: set[str] = set()
    man = dest / MANIFEST
    if man.is_file():
        ours = {ln.strip() for ln in man.read_text(encoding="utf-8").splitlines() if ln.strip()}
    found = []
    for p in dest.rglob("*"):
        if p.is_dir():
            continue
        rel = p.relative_to(dest).as_posix()
        if rel != MANIFEST and rel not in ours:
            found.append(rel)
    return sorted(found)


@contextlib.contextmanager
def atomic_directory(path: str | os.PathLike[str]) -> Iterator[Path]:
    """Yield a fresh temporary directory; on success it replaces ``path`` as a whole.

    A manifest of the files written is stored inside. An existing ``path`` is replaced only if every
    file in it was written by landauer (listed in its manifest); otherwise :class:`ParameterError`
    explains what is in the way and nothing is touched. Permissions follow the umask.
    """
    dest = Path(path)
    foreign = foreign_files(dest)
    if foreign:
        raise _foreign_error(dest, foreign)
    if dest.exists() and not dest.is_dir():
        raise ParameterError(f"{dest} exists and is not a directory; move it away or choose another --out")
    dest.parent.mkdir(parents=True, exist_ok=True)
    tmp = Path(tempfile.mkdtemp(prefix=f".{dest.name}.", dir=dest.parent))
    try:
        yield tmp
        files = sorted(p.relative_to(tmp).as_posix() for p in tmp.rglob("*") if p.is_file())
        (tmp / MANIFEST).write_text("\n".join(files) + "\n", encoding="utf-8")
        _chmod_tree(tmp)
        foreign = foreign_files(dest)  # files may have appeared while we computed
        if foreign:
            raise _foreign_error(dest, foreign)
        if dest.exists():
            old = Path(tempfile.mkdtemp(prefix=f".{dest.name}.old.", dir=dest.parent))
            os.replace(dest, old / dest.name)
            os.replace(tmp, dest)
            shutil.rmtree(old, ignore_errors=True)
        else:
            os.replace(tmp, dest)
    except BaseException:
        shutil.rmtree(tmp, ignore_errors=True)
        raise


def _foreign_error(dest: Path, foreign: list[str]) -> ParameterError:
    shown = ", ".join(foreign[:3]) + (f" and {len(foreign) - 3} more" if len(foreign) > 3 else "")
    return ParameterError(
        f"--out: {dest} holds files landauer did not write ({shown}) (or wrote before it kept a manifest); "
        "they would be lost when the results are replaced. Move them away, or give another --out directory",
        name="--out")


# ------------------------------------------------------------------------------------------- CSV input


def read_csv_table(path: str | os.PathLike[str], *, required: tuple[str, ...],
                   optional: tuple[str, ...] = (), strict_columns: bool = False
                   ) -> tuple[list[str], list[tuple[int, list[str]]]]:
    """Read a small CSV data file defensively; every error names the file and the line.

    Returns the header (stripped) and ``(line number, fields)`` for each data row. Blank lines and lines
    starting with ``#`` are skipped; a UTF-8 byte-order mark is stripped. Refused with a
    :class:`ParameterError`: binary or non-UTF-8 files, ``;``-separated files, rows whose number of
    fields differs from the header's (with a hint when decimal commas are the likely cause), missing
    required columns, and (``strict_columns``) unknown columns.
    """
    import csv as _csv

    p = Path(path)
    name = str(path)
    if p.is_dir():
        raise ParameterError(f"{name}: is a directory, not a CSV file")
    raw = p.read_bytes()
    if b"\x00" in raw[:65536]:
        raise ParameterError(f"{name}: binary data, not a text CSV file")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        bad_line = raw[: exc.start].count(b"\n") + 1
        raise ParameterError(f"{name}, line {bad_line}: not UTF-8 text (byte {exc.start}); save the file as "
                             "UTF-8 CSV") from None
    numbered = [(i, ln) for i, ln in enumerate(text.splitlines(), start=1)
                if ln.strip() and not ln.lstrip().startswith("#")]
    if not numbered:
        raise ParameterError(f"{name}: empty file; expected a header {','.join(required)}")
    head_no, head_line = numbered[0]
    if ";" in head_line and "," not in head_line:
        raise ParameterError(f"{name}, line {head_no}: fields are separated by ';'; this reader needs ',' "
                             "as the separator and '.' as the decimal point")
    if "\t" in head_line and "," not in head_line:
        raise ParameterError(f"{name}, line {head_no}: fields are separated by tabs; use ','")
    header = [h.strip() for h in next(_csv.reader([head_line]))]
    missing = [c for c in required if c not in header]
    if missing:
        raise ParameterError(f"{name}, line {head_no}: missing column(s) {', '.join(missing)}; header is "
                             f"{','.join(header)} (need {','.join(required)}"
                             + (f", optional {','.join(optional)})" if optional else ")"))
    dup = sorted({h for h in header if header.count(h) > 1})
    if dup:
        raise ParameterError(f"{name}, line {head_no}: duplicate column(s) {', '.join(dup)}")
    if strict_columns:
        extra = [c for c in header if c not in required + optional]
        if extra:
            raise ParameterError(f"{name}, line {head_no}: unknown column(s) {', '.join(extra)}")
    rows: list[tuple[int, list[str]]] = []
    for no, line in numbered[1:]:
        fields = next(_csv.reader([line]))
        if len(fields) != len(header):
            hint = ""
            if len(fields) > len(header) and re.search(r"\d,\d", line):
                hint = " (decimal commas? this reader needs '.' as the decimal point)"
            elif ";" in line:
                hint = " (';' separators? use ',')"
            raise ParameterError(f"{name}, line {no}: expected {len(header)} fields ({','.join(header)}), "
                                 f"got {len(fields)}{hint}")
        rows.append((no, fields))
    return header, rows


def parse_number(text: str | None, *, path: str | os.PathLike[str], line: int, column: str,
                 allow_empty: bool = False, label: str = "line") -> float:
    """A finite float from one CSV field, or a :class:`ParameterError` naming file, line and column."""
    import math

    t = (text or "").strip()
    if not t and allow_empty:
        return math.nan
    try:
        v = float(t)
    except ValueError:
        hint = " (decimal comma? use '.')" if re.fullmatch(r"[-+]?\d+,\d+", t) else ""
        raise ParameterError(f"{path}, {label} {line}: column {column} is not a number ({t!r}){hint}") from None
    if not math.isfinite(v):
        raise ParameterError(f"{path}, {label} {line}: column {column} is not finite ({t!r})")
    return v
