"""Settings from ``[tool.mojifix]`` in pyproject.toml or ``--config FILE``; flags win."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest

SAMPLE = "Tom &amp; Jerry caf\u00c3\u00a9\n".encode()


def mojifix(*args: str, cwd: Path) -> subprocess.CompletedProcess[str]:
    return subprocess.run([sys.executable, "-m", "mojifix", *args], cwd=cwd, capture_output=True,
                          text=True, timeout=120)


@pytest.fixture
def repo(tmp_path: Path) -> Path:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.mojifix]\nentities = false\nexclude = ["vendor/"]\n\n'
        '[tool.mojifix.check]\noutput-format = "github"\n')
    (tmp_path / "docs").mkdir()
    (tmp_path / "docs/a.txt").write_bytes(SAMPLE)
    (tmp_path / "vendor").mkdir()
    (tmp_path / "vendor/b.txt").write_bytes(SAMPLE)
    return tmp_path


def test_settings_of_the_nearest_pyproject_apply_and_flags_win(repo: Path) -> None:
    assert mojifix("fix", "a.txt", cwd=repo / "docs").stdout == "Tom &amp; Jerry café\n"
    assert mojifix("fix", "a.txt", "--entities", cwd=repo / "docs").stdout == "Tom & Jerry café\n"


def test_a_command_table_applies_to_that_command_only(repo: Path) -> None:
    proc = mojifix("check", ".", cwd=repo)
    assert proc.returncode == 1
    assert proc.stdout.startswith("::error file=docs/a.txt,line=1,")  # github format, from the file
    assert "vendor/b.txt" not in proc.stdout  # exclude, from the shared table
    assert mojifix("check", ".", "--output-format", "text", cwd=repo).stdout.startswith("docs/a.txt:1:")


def test_an_unknown_setting_is_a_one_line_error(repo: Path) -> None:
    (repo / "pyproject.toml").write_text("[tool.mojifix]\nentitys = false\n")
    proc = mojifix("fix", "docs/a.txt", cwd=repo)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == (f"mojifix: error: {repo / 'pyproject.toml'}: unknown setting 'entitys' "
                           "in [tool.mojifix] (see 'mojifix config' for the settings)\n")


@pytest.mark.parametrize(("setting", "message"), [
    ('jobs = "two"', "setting 'jobs' in [tool.mojifix]: expected a whole number, got 'two'"),
    ("jobs = [1]", "setting 'jobs' in [tool.mojifix]: expected a whole number, got [1]"),
    ("jobs = true", "setting 'jobs' in [tool.mojifix]: expected a whole number, got True"),
    ("jobs = 2.7", "setting 'jobs' in [tool.mojifix]: expected a whole number, got 2.7"),
    ("include = [1]", "setting 'include' in [tool.mojifix]: expected a string, got 1"),
    ("max-size = true", "setting 'max-size' in [tool.mojifix]: expected a size, got True"),
    ("max-size = -1", "setting 'max-size' in [tool.mojifix]: -1 is not a size such as 512K, 256M or 2G "
                      "(0: no limit)"),
    ('[tool.mojifix.fix]\njobs = "x"', "setting 'jobs' in [tool.mojifix.fix]: expected a whole number, got 'x'"),
    ("jobs = 0", "setting 'jobs' in [tool.mojifix]: 0 is not in the range x>=1"),
    ('entities = "no"', "setting 'entities' in [tool.mojifix]: expected true or false, got 'no'"),
    ('exclude = "vendor/"', "setting 'exclude' in [tool.mojifix]: expected a list, got 'vendor/'"),
    ('output-format = "xml"', "setting 'output-format' in [tool.mojifix]: 'xml' is not one of "
                              "'text', 'json', 'github', 'sarif'"),
    # judged when read, not blamed on the first input file ("docs/a.txt: unknown encoding")
    ('encoding = "nonsense"', "setting 'encoding' in [tool.mojifix]: unknown encoding 'nonsense' "
                              "(use a Python codec name such as gbk, big5, shift_jis, cp1251)"),
    ('file-kind-for = ["*.x"]', "setting 'file-kind-for' in [tool.mojifix]: file kind rule '*.x' is "
                                "not GLOB=KIND (KIND is one of text, markdown, html, code, data)"),
    # (a known defect) named the command-line option the user never typed ("--encoding base64: ...")
    ('encoding = "base64"', "setting 'encoding' in [tool.mojifix]: 'base64' is not a text encoding "
                            "(it transforms bytes, it does not decode them) (name the byte encoding "
                            "of the input, e.g. gbk, big5, shift_jis, cp1251, or leave it out to "
                            "detect it)"),
    ('[tool.mojifix.fix]\nencoding = "rot13"', "setting 'encoding' in [tool.mojifix.fix]: 'rot-13' is "
                                              "not a text encoding (it transforms bytes, it does not "
                                              "decode them) (name the byte encoding of the input, e.g. "
                                              "gbk, big5, shift_jis, cp1251, or leave it out to detect it)"),
])
def test_a_bad_value_names_the_file_and_the_setting(repo: Path, setting: str, message: str) -> None:
    # (a new user's QA, a review) click blamed the command-line option, which the user never
    # typed ("Invalid value for '-j' / '--jobs'"), took "output = true" as a file named True,
    # and "jobs = [1]" ended in a traceback
    (repo / "pyproject.toml").write_text(f"[tool.mojifix]\n{setting}\n")
    own = "output-format" in setting or "output =" in setting or "tool.mojifix.fix" in setting
    for command in ("check",) if "output-format" in setting else ("fix",) if own else ("fix", "check"):
        proc = mojifix(command, "docs/a.txt", cwd=repo)
        assert proc.returncode == 2 and proc.stdout == ""
        assert proc.stderr == (f"mojifix: error: {repo / 'pyproject.toml'}: {message} "
                               "(fix the value in the file)\n")


@pytest.mark.parametrize(("option", "message"), [
    (("--encoding", "nonsense"), "Invalid value for '--encoding': unknown encoding 'nonsense'"),
    (("--file-kind-for", "*.x"), "Invalid value for '--file-kind-for': file kind rule '*.x' is not GLOB=KIND"),
])
def test_a_bad_option_value_is_a_usage_error(repo: Path, option: tuple[str, str], message: str) -> None:
    proc = mojifix("fix", *option, "docs/a.txt", cwd=repo)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr.splitlines()[-1].startswith(f"Error: {message}")
    assert "Traceback" not in proc.stderr


@pytest.mark.parametrize("settings", ["", 'encoding = "gbk"\n'])
def test_a_non_text_codec_on_the_command_line_names_the_option(repo: Path, settings: str) -> None:
    # the settings file's words (above) are not the option's: these stay as they were
    (repo / "pyproject.toml").write_text(f"[tool.mojifix]\n{settings}")
    proc = mojifix("fix", "--encoding", "base64", "docs/a.txt", cwd=repo)
    assert proc.returncode == 2 and proc.stdout == ""
    assert proc.stderr == ("mojifix: error: --encoding base64: 'base64' is not a text encoding (it "
                           "transforms bytes, it does not decode them) (name the byte encoding of the "
                           "input, e.g. gbk, big5, shift_jis, cp1251, or drop --encoding to detect it)\n")


def test_good_encoding_and_rule_settings_work(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.mojifix]\nencoding = "GBK"\nfile-kind-for = ["docs/*.txt=text"]\n')
    (repo / "docs/g.txt").write_bytes("中文\n".encode("gbk"))
    proc = mojifix("fix", "docs/g.txt", cwd=repo)
    assert proc.returncode == 0 and proc.stdout == "中文\n"


def test_config_file_option_and_the_config_command(repo: Path, tmp_path: Path) -> None:
    other = tmp_path / "strict.toml"
    other.write_text("entities = true\nzero-width = false\n")
    assert mojifix("fix", "docs/a.txt", "--config", str(other), cwd=repo).stdout == "Tom & Jerry café\n"
    shown = mojifix("config", "check", cwd=repo).stdout.splitlines()
    assert shown[0].startswith(f"# mojifix check: effective settings ({repo / 'pyproject.toml'}")
    assert any(line.startswith('output-format = "github"') and line.endswith("pyproject.toml")
               for line in shown)
    assert any(line.startswith("entities = false") for line in shown)
    assert any(line.startswith("glosses = true") and line.endswith("# default") for line in shown)
    shown = mojifix("config", "--config", str(other), cwd=repo).stdout
    assert "zero-width = false" in shown and "entities = true" in shown


def test_the_search_stops_at_the_repository_root(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text("[tool.mojifix]\nentities = false\n")
    inner = tmp_path / "inner"
    (inner / ".git").mkdir(parents=True)
    (inner / "a.txt").write_bytes(SAMPLE)
    assert mojifix("fix", "a.txt", cwd=inner).stdout == "Tom & Jerry café\n"


def test_file_kind_rules_from_the_settings_and_the_flag(tmp_path: Path) -> None:
    # A .md file that is really plain text: its entities are junk to decode. By default Markdown
    # prose keeps `&amp;` (decoding it would change what the page shows).
    (tmp_path / ".git").mkdir()
    (tmp_path / "legacy").mkdir()
    (tmp_path / "legacy/a.md").write_text("Tom &amp; Jerry\n")
    (tmp_path / "b.md").write_text("Tom &amp; Jerry\n")
    assert mojifix("fix", "legacy/a.md", cwd=tmp_path).stdout == "Tom &amp; Jerry\n"
    assert mojifix("fix", "legacy/a.md", "--file-kind-for", "legacy/*.md=text",
                   cwd=tmp_path).stdout == "Tom & Jerry\n"
    (tmp_path / "pyproject.toml").write_text('[tool.mojifix]\nfile-kind-for = ["legacy/=text"]\n')
    assert mojifix("fix", "legacy/a.md", cwd=tmp_path).stdout == "Tom & Jerry\n"
    assert mojifix("fix", "b.md", cwd=tmp_path).stdout == "Tom &amp; Jerry\n"  # no rule matches
    proc = mojifix("check", ".", "--output-format", "json", cwd=tmp_path)
    assert proc.returncode == 1 and '"legacy/a.md"' in proc.stdout and '"b.md"' not in proc.stdout
    bad = mojifix("fix", "b.md", "--file-kind-for", "*.md=prose", cwd=tmp_path)
    assert bad.returncode == 2 and "file kind rule '*.md=prose' is not GLOB=KIND" in bad.stderr


TABLE_SPELLINGS = [
    "[tool.mojifix]\nentities = false\n",
    "[ tool . mojifix ]\nentities = false\n",
    '["tool".\'mojifix\']\nentities = false\n',
    "[tool.mojifix.check]\noutput-format = 'github'\n",
    "[tool]\nmojifix.entities = false\n",
    "tool.mojifix.entities = false\n",
    "tool = {mojifix = {entities = false}}\n",
    "[project]\nname = 'x'\n\n  [tool.mojifix]\n  entities = false\n",
]


@pytest.mark.parametrize("text", TABLE_SPELLINGS)
def test_every_toml_spelling_of_the_table_is_found(tmp_path: Path, text: str) -> None:
    from mojifix.cli import configfile

    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(text)
    assert configfile.find(str(tmp_path)) == str(tmp_path / "pyproject.toml")


def test_a_pyproject_without_a_tool_mojifix_table_is_not_parsed(tmp_path: Path) -> None:
    """Other tools' tables, and the word mojifix as a project or script name, cost no TOML
    parse (tomllib is a tenth of a short pipe's start-up), and the pipe still works."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(
        '[project]\nname = "mojifix"\n\n[project.scripts]\nmojifix = "mojifix.cli:main"\n\n'
        '[tool.ruff]\nline-length = 99\n\n[tool.pytest.ini_options]\naddopts = "-q"\n')
    code = ("import sys; from mojifix.cli import configfile; "
            "print(configfile.find(), 'tomllib' in sys.modules)")
    proc = subprocess.run([sys.executable, "-c", code], cwd=tmp_path, capture_output=True,
                          text=True, timeout=60)
    assert proc.stdout == "None False\n", proc.stderr
    piped = subprocess.run([sys.executable, "-m", "mojifix", "fix", "-"], input=SAMPLE,
                           cwd=tmp_path, capture_output=True, timeout=60)
    assert (piped.returncode, piped.stdout) == (0, "Tom & Jerry caf\u00e9\n".encode())


@pytest.mark.parametrize("discovered", [True, False])
def test_a_settings_file_that_is_not_utf8_is_a_one_line_error(tmp_path: Path,
                                                              discovered: bool) -> None:
    """TOML is UTF-8; a pyproject.toml saved in a legacy page once ended in a traceback."""
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_bytes(b'[tool.mojifix]\nexclude = ["caf\xe9/"]\n')
    (tmp_path / "a.txt").write_bytes(SAMPLE)
    args = ("fix", "a.txt") if discovered else ("fix", "a.txt", "--config", "pyproject.toml")
    proc = mojifix(*args, cwd=tmp_path)
    assert proc.returncode == 2
    assert proc.stdout == ""
    where = tmp_path / "pyproject.toml" if discovered else "pyproject.toml"
    assert proc.stderr == (f"mojifix: error: {where}: not valid TOML: byte 0xe9 at offset 30 is not UTF-8 (save the file as UTF-8)\n")


def test_the_settings_file_is_read_and_parsed_once(repo: Path,
                                                   monkeypatch: pytest.MonkeyPatch) -> None:
    from mojifix.cli import commands, configfile

    reads: list[str] = []
    real_read = configfile._read
    monkeypatch.setattr(configfile, "_read", lambda path: reads.append(path) or real_read(path))
    monkeypatch.chdir(repo / "docs")
    loaded = configfile.load(commands.fix, "fix", None)
    assert loaded.path == str(repo / "pyproject.toml")
    assert loaded.values["unescape_html"] is False
    assert reads == [str(repo / "pyproject.toml")]


def test_a_field_setting_is_for_jsonl_runs_only(repo: Path) -> None:
    # (a review) `field = "body"` in the settings made every run without --jsonl a usage error
    # ("--field names the field of a JSONL record; add --jsonl"): the user typed no --field.
    (repo / "pyproject.toml").write_text('[tool.mojifix]\nfield = "body"\n')
    (repo / "r.jsonl").write_text('{"body": "caf\\u00c3\\u00a9", "text": "caf\\u00c3\\u00a9"}\n')
    proc = mojifix("fix", "docs/a.txt", cwd=repo)
    assert proc.returncode == 0 and proc.stderr == ""
    proc = mojifix("fix", "--jsonl", "r.jsonl", cwd=repo)
    assert proc.returncode == 0 and proc.stdout == '{"body": "caf\\u00e9", "text": "caf\\u00c3\\u00a9"}\n'
    assert mojifix("fix", "--field", "x", "docs/a.txt", cwd=repo).returncode == 2  # typed: still an error


def test_file_kind_rules_of_a_settings_file_are_relative_to_its_folder(repo: Path) -> None:
    # as ruff's and black's globs are: the same files match from any folder, and by an absolute
    # path (they matched only a path written from the folder holding the settings file)
    (repo / "pyproject.toml").write_text('[tool.mojifix]\nfile-kind-for = ["docs/*.txt=code"]\n')
    kept = "Tom &amp; Jerry café\n"  # code: the entity stays, the mojibake is repaired
    for cwd, path in ((repo, "docs/a.txt"), (repo / "docs", "a.txt"), (repo / "vendor", "../docs/a.txt"),
                      (repo / "vendor", str(repo / "docs/a.txt"))):
        proc = mojifix("fix", path, cwd=cwd)
        assert (proc.returncode, proc.stdout, proc.stderr) == (0, kept, ""), (cwd, path)
    proc = mojifix("check", "--output-format", "json", ".", cwd=repo / "docs")  # a walk, too
    assert proc.returncode == 1 and '"html-entities"' not in proc.stdout
    # --config FILE: its folder; a rule without a slash matches at any depth beneath it only
    (repo / "sub").mkdir()
    (repo / "sub/strict.toml").write_text('file-kind-for = ["a.txt=code"]\n')
    (repo / "sub/a.txt").write_bytes(SAMPLE)
    assert mojifix("fix", "--config", "sub/strict.toml", "sub/a.txt", cwd=repo).stdout == kept
    assert mojifix("fix", "--config", "sub/strict.toml", "docs/a.txt",
                   cwd=repo).stdout == "Tom & Jerry café\n"


def test_file_kind_rules_on_the_command_line_are_relative_to_the_working_folder(repo: Path) -> None:
    (repo / "pyproject.toml").write_text('[tool.mojifix]\nentities = true\n')
    kept = "Tom &amp; Jerry café\n"
    assert mojifix("fix", "--file-kind-for", "docs/*.txt=code", "docs/a.txt", cwd=repo).stdout == kept
    assert mojifix("fix", "--file-kind-for", "*.txt=code", "a.txt", cwd=repo / "docs").stdout == kept
    assert mojifix("fix", "--file-kind-for", "docs/*.txt=code", "a.txt",
                   cwd=repo / "docs").stdout == "Tom & Jerry café\n"  # not docs/a.txt from here


def test_include_and_exclude_of_a_settings_file_are_relative_to_its_folder(repo: Path) -> None:
    """QA 26: ``exclude = ["docs/legacy/"]`` was matched from each folder walked: ``check .``
    left the legacy file out, ``check docs`` and ``check .`` from docs/ flagged it, and
    ``fix -i docs`` rewrote a file the project had excluded on purpose."""
    (repo / "pyproject.toml").write_text('[tool.mojifix]\nexclude = ["docs/legacy/"]\n'
                                         'include = ["docs/*.txt", "docs/legacy/*"]\n')
    (repo / "docs/legacy").mkdir()
    legacy = "Привет, мир! Это старый файл в кодировке windows-1251.\n".encode("cp1251")
    (repo / "docs/legacy/ru.txt").write_bytes(legacy)
    for cwd, args in ((repo, ["."]), (repo, ["docs"]), (repo / "docs", ["."]),
                      (repo, ["docs/legacy/ru.txt"]), (repo, [str(repo / "docs")])):
        proc = mojifix("check", "-q", "--output-format", "json", *args, cwd=cwd)
        assert "ru.txt" not in proc.stdout, (cwd, args)
    # include: docs/*.txt from the file's folder, whichever folder is walked
    assert '"docs/a.txt"' in mojifix("check", "--output-format", "json", ".", cwd=repo).stdout
    assert '"a.txt"' in mojifix("check", "--output-format", "json", ".", cwd=repo / "docs").stdout
    assert mojifix("fix", "-i", "docs", cwd=repo).returncode == 0
    assert (repo / "docs/legacy/ru.txt").read_bytes() == legacy
    # on the command line, globs stay relative to the folder walked (and win over the file)
    proc = mojifix("check", "--output-format", "json", "--exclude", "legacy/", "docs", cwd=repo)
    assert "ru.txt" not in proc.stdout
    proc = mojifix("check", "--output-format", "json", "--exclude", "docs/legacy/", "docs", cwd=repo)
    assert "ru.txt" in proc.stdout


@pytest.mark.parametrize(("setting", "message"), [
    ('output = "out.txt"', "setting 'output' in [tool.mojifix] names one run's input or output "
                           "and cannot be set in a settings file (pass it on the command line)"),
    ('config = "other.toml"', "setting 'config' in [tool.mojifix] names one run's input or "
                              "output and cannot be set in a settings file (pass it on the command line)"),
    ('[tool.mojifix.fix]\nstdin-filename = "a.md"', "setting 'stdin-filename' in "
     "[tool.mojifix.fix] names one run's input or output and cannot be set in a settings file "
     "(pass it on the command line)"),
    ('field = ""', "setting 'field' in [tool.mojifix]: empty; name the field to repair, a dotted "
                   "path such as text or meta.body (fix the value in the file)"),
])
def test_settings_that_mean_nothing_for_a_project_are_errors(repo: Path, setting: str,
                                                             message: str) -> None:
    """QA 26: ``output = "out.txt"`` sent every ``mojifix fix`` (a pipe's too) to that file
    without a word; ``config = "other.toml"`` was ignored though the file does not exist;
    ``field = ""`` passed, where ``--field ''`` is an error."""
    (repo / "pyproject.toml").write_text(f"[tool.mojifix]\n{setting}\n")
    proc = subprocess.run([sys.executable, "-m", "mojifix", "fix"], input="caf\u00c3\u00a9\n",
                          cwd=repo, capture_output=True, text=True, timeout=120)
    assert (proc.returncode, proc.stdout) == (2, "")
    assert proc.stderr == f"mojifix: error: {repo / 'pyproject.toml'}: {message}\n"
    assert not (repo / "out.txt").exists()


def test_a_config_file_may_hold_the_tool_mojifix_table(repo: Path) -> None:
    """QA 26: the README shows settings as a ``[tool.mojifix]`` table; a ``--config`` file holding
    one was refused ("unknown setting 'tool' in [tool.mojifix]"). Now read as in a pyproject.toml,
    and a typo in it named in its own table."""
    (repo / "ci.toml").write_text("[tool.mojifix]\nentities = false\n\n[tool.ruff]\nline-length = 99\n")
    proc = mojifix("fix", "--config", "ci.toml", "docs/a.txt", cwd=repo)
    assert (proc.returncode, proc.stdout, proc.stderr) == (0, "Tom &amp; Jerry café\n", "")
    (repo / "ci.toml").write_text("[tool.mojifix.check]\nentitys = false\n")
    proc = mojifix("check", "--config", "ci.toml", "docs/a.txt", cwd=repo)
    assert proc.returncode == 2
    assert proc.stderr == ("mojifix: error: ci.toml: unknown setting 'entitys' in "
                           "[tool.mojifix.check] (see 'mojifix config' for the settings)\n")
