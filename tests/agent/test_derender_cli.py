"""``recode-dsl derender`` end to end against the scripted server process: repair, selection,
faults and budgets, the report, the cache and replay, batches. Nothing is lost in any of them."""

from __future__ import annotations

import json
import shutil
import subprocess
import time
from pathlib import Path
from typing import Any

import pytest

from recode_dsl import pipeline
from recode_dsl.agent.loop import normalise, numbered
from recode_dsl.cli import main
from recode_dsl.errors import RecodeError
from tests.agent.conftest import Scripted

TARGET = """chart bar
canvas(320, 240)
categories("a", "b", "c")
series("S", [3, 1, 2], color="#1f77b4")
value_axis(0, 4)
ask argmax("S")
"""
OTHER = TARGET.replace("chart bar", "chart line")  # no fit turns a line into bars
BROKEN = 'chart bar\ncategories("a", "b", "c")\nseries("S", [3, 1])\n'


def fence(program: str) -> str:
    return f"```rdsl\n{program}```"


@pytest.fixture()
def image(tmp_path: Path) -> Path:
    result = pipeline.compile(TARGET)
    assert result.scene is not None
    try:
        png = pipeline.render(result.scene, "png")
    except RecodeError:
        pytest.skip("renderer not available")
    path = tmp_path / "chart.png"
    path.write_bytes(png)
    return path


def run(server: Scripted, image: Path, *extra: str) -> int:
    return main(["derender", str(image), "--model", "m", "--base-url", server.url, "--candidates", "1",
                 "--retries", "0", "--no-offline", *extra])


def test_repairs_then_writes_the_program_and_its_verdict(server: Scripted, image: Path, tmp_path: Path,
                                                          capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"replies": [fence(BROKEN)]}, {"replies": [fence(TARGET)]})
    out = tmp_path / "out.rdsl"
    assert run(server, image, "-o", str(out)) == 0
    assert normalise(out.read_text()) == normalise(TARGET)
    record = json.loads(out.with_suffix(".json").read_text())
    assert record["verified"] and record["verdict"]["verified"]
    assert [a["text"] for a in record["answers"]] == ["a"]
    bodies = server.bodies()
    assert len(bodies) == 2
    repair = json.dumps(bodies[1]["messages"][-1])
    assert json.dumps(numbered(BROKEN))[1:-1] in repair and "E017" in repair
    assert "verified" in capsys.readouterr().err


def test_selects_the_verified_one_among_n(server: Scripted, image: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"replies": [fence(OTHER), fence(BROKEN), fence(TARGET)]})
    assert run(server, image, "--candidates", "3") == 0
    assert normalise(capsys.readouterr().out) == normalise(TARGET)
    assert len(server.log()) == 1


def test_a_server_that_ignores_n_is_asked_again(server: Scripted, image: Path) -> None:
    server.script({"replies": [fence(OTHER)], "honour_n": False}, {"replies": [fence(TARGET)], "honour_n": False})
    assert run(server, image, "--candidates", "2", "--rounds", "1") == 0
    assert [b["n"] for b in server.bodies()] == [2, 1]


def test_a_failing_second_round_keeps_the_first_rounds_best(server: Scripted, image: Path, tmp_path: Path,
                                                             capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"replies": [fence(OTHER)]}, {"status": 500})
    out = tmp_path / "best.rdsl"
    assert run(server, image, "-o", str(out), "--retries", "1") == 1
    assert normalise(out.read_text()) == normalise(OTHER)
    record = json.loads(out.with_suffix(".json").read_text())
    assert record["verdict"]["verified"] is False and record["error"][0]["code"] == "E090"
    err = capsys.readouterr().err
    assert "error[E090]" in err and "HTTP 500" in err and "not verified" in err
    # located: the image whose run failed, and the model call that failed (the second)
    assert f"{image}: error[E090]: model call 2: " in err


def test_a_stall_past_the_deadline_ends_on_time(server: Scripted, image: Path,
                                                capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"stall": 30})
    start = time.monotonic()
    assert run(server, image, "--deadline", "2", "--retries", "3") == 1
    assert time.monotonic() - start < 8
    assert "deadline of 2 s" in capsys.readouterr().err


def test_429_with_retry_after_then_an_answer(server: Scripted, image: Path) -> None:
    server.script({"status": 429, "retry_after": "1"}, {"replies": [fence(TARGET)]})
    assert run(server, image, "--retries", "2") == 0
    log = server.log()
    assert len(log) == 2 and log[1]["time"] - log[0]["time"] >= 1.0


@pytest.mark.parametrize("action", [{"raw": "{oops"}, {"raw": '{"choices": []}'}])
def test_malformed_replies_are_e090_not_a_crash(server: Scripted, image: Path, action: dict[str, Any],
                                                capsys: pytest.CaptureFixture[str]) -> None:
    server.script(action)
    assert run(server, image, "--retries", "1") == 1
    assert "malformed" in capsys.readouterr().err
    assert len(server.log()) == 2


def test_an_enormous_reply_is_not_echoed(server: Scripted, image: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"size": 50_000_000})
    assert run(server, image, "--max-reply-bytes", "100000") == 1
    captured = capsys.readouterr()
    assert "larger than 100000 bytes" in captured.err and len(captured.err) < 2000 and captured.out == ""


def test_model_text_is_never_echoed_raw(server: Scripted, image: Path, capsys: pytest.CaptureFixture[str]) -> None:
    evil = 'chart bar\x1b]0;pwned\x07\ncategories("a\x1b[2J")\nseries("S", [3, 1])\n' + "x" * 100_000
    server.script({"replies": [evil]})
    assert run(server, image, "--rounds", "1") == 1
    err = capsys.readouterr().err
    assert "\x1b" not in err and "\x07" not in err and len(err) < 6000


def test_request_budget(server: Scripted, image: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"replies": [fence(OTHER)]})
    assert run(server, image, "--max-requests", "1", "--rounds", "3") == 1
    assert len(server.log()) == 1
    assert "budget of 1 requests" in capsys.readouterr().err


def test_constrained_decoding_sends_the_grammar_and_warns_when_ignored(
        server: Scripted, image: Path, capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"replies": ["I cannot draw that."]}, {"replies": [TARGET]})
    assert run(server, image, "--server", "vllm", "--constrain", "grammar") == 0
    body = server.bodies()[0]
    assert body["structured_outputs"]["grammar"].startswith("# recode-dsl grammar")
    assert body["guided_grammar"] == body["structured_outputs"]["grammar"]
    assert "ignore" in capsys.readouterr().err


@pytest.mark.parametrize("kind, field", [("llamacpp", "grammar"), ("openai", None)])
def test_constrained_decoding_per_server_kind(server: Scripted, image: Path, kind: str, field: str | None,
                                              capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"replies": [TARGET]})
    assert run(server, image, "--server", kind, "--constrain", "grammar") == 0
    body = server.bodies()[0]
    prompt = json.dumps(body["messages"][1])
    assert "program only" in prompt and "fenced block" not in prompt
    err = capsys.readouterr().err
    if field is None:
        assert not {"grammar", "guided_grammar", "structured_outputs"} & set(body)
        assert "takes no grammar" in err
    else:
        assert body[field].startswith("# recode-dsl grammar") and "root ::=" in body[field]
        assert "structured_outputs" not in body and "warning" not in err


def test_cache_then_replay_offline(server: Scripted, image: Path, tmp_path: Path,
                                   capsys: pytest.CaptureFixture[str]) -> None:
    server.script({"replies": [fence(BROKEN)]}, {"replies": [fence(TARGET)]})
    cache = tmp_path / "cache"
    assert run(server, image, "--cache", str(cache), "-o", str(tmp_path / "a.rdsl")) == 0
    assert len(server.log()) == 2
    server.script({"status": 500})
    args = ["derender", str(image), "--model", "m", "--base-url", "http://127.0.0.1:9/v1", "--candidates", "1",
            "--no-offline", "--cache", str(cache), "--replay", "-o", str(tmp_path / "b.rdsl")]
    assert main(args) == 0
    assert server.log() == []
    assert (tmp_path / "a.rdsl").read_text() == (tmp_path / "b.rdsl").read_text()
    # a request that is not cached is an error when replaying, not a network call
    args[args.index("--candidates") + 1] = "2"
    assert main(args) == 1
    assert "not in the reply cache" in capsys.readouterr().err


def test_with_a_model_the_offline_program_is_judged_first(server: Scripted, image: Path, tmp_path: Path) -> None:
    server.script({"replies": [fence(TARGET)]})
    out = tmp_path / "p.rdsl"
    code = main(["derender", str(image), "--model", "m", "--base-url", server.url, "--candidates", "1",
                 "-o", str(out)])
    record = json.loads(out.with_suffix(".json").read_text())
    first = record["rounds"][0][0]
    assert code == 0 and first["origin"] == "offline" and first["round"] == 0
    if first["verdict"] and first["verdict"]["verified"]:
        assert server.log() == [] and record["model_calls"] == 0  # no model call was needed
    else:
        assert len(server.log()) >= 1


def test_without_a_model_it_reads_the_image_offline(image: Path, monkeypatch: pytest.MonkeyPatch,
                                                    capsys: pytest.CaptureFixture[str]) -> None:
    monkeypatch.delenv("RECODE_MODEL", raising=False)
    code = main(["derender", str(image)])
    captured = capsys.readouterr()
    assert "offline program" in captured.err and "model_calls=0" in captured.err
    assert code == 0 and captured.out.startswith("chart bar")


def test_offline_program_answers_the_questions_in_query_syntax(image: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    import recode_dsl.agent.batch as batch

    monkeypatch.delenv("RECODE_MODEL", raising=False)
    monkeypatch.setattr(batch, "offline_seeds", lambda png: [TARGET.replace('ask argmax("S")\n', "")])
    assert main(["derender", str(image), "--ask", 'argmax("S")']) == 0
    captured = capsys.readouterr()
    assert 'ask argmax("S")' in captured.out
    assert 'argmax("S") = a' in captured.err


def test_offline_a_question_that_is_no_query_is_a_located_error(image: Path, monkeypatch: pytest.MonkeyPatch,
                                                                capsys: pytest.CaptureFixture[str]) -> None:
    """Without a model nothing can answer a question in words, an unknown name or a question that
    runs on past its line: each is an error located in the question (exit 1); the program and the
    other answers are still given."""
    import recode_dsl.agent.batch as batch

    monkeypatch.delenv("RECODE_MODEL", raising=False)
    monkeypatch.setattr(batch, "offline_seeds", lambda png: [TARGET.replace('ask argmax("S")\n', "")])
    asks = ['argmax("S")', "which bar is tallest?", 'max("T")', 'max("S")\nchart line']
    assert main(["derender", str(image), *[a for q in asks for a in ("--ask", q)]]) == 1
    captured = capsys.readouterr()
    assert 'ask argmax("S")' in captured.out and "tallest" not in captured.out
    assert 'argmax("S") = a' in captured.err
    assert "--ask 2:1:7: error[E002]" in captured.err
    assert "--ask 3:1:5: error[E010]" in captured.err and "1 | max(\"T\")" in captured.err
    assert "--ask 4:1:9: error[E001]: unexpected character '\\n'" in captured.err


def test_without_a_model_or_an_offline_reader_it_says_so(image: Path, monkeypatch: pytest.MonkeyPatch,
                                                         capsys: pytest.CaptureFixture[str]) -> None:
    import recode_dsl.agent.batch as batch

    monkeypatch.delenv("RECODE_MODEL", raising=False)
    monkeypatch.setattr(batch, "offline_seeds", lambda png: None)
    assert main(["derender", str(image)]) == 2
    assert "no model" in capsys.readouterr().err


def test_without_a_model_an_image_with_nothing_to_read_is_a_located_e110(
        image: Path, monkeypatch: pytest.MonkeyPatch, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    import recode_dsl.agent.batch as batch

    monkeypatch.delenv("RECODE_MODEL", raising=False)
    monkeypatch.setattr(batch, "offline_seeds", lambda png: [])  # the offline reader read nothing
    assert main(["derender", str(image)]) == 1
    err = capsys.readouterr().err
    assert f"{image}: error[E110]: " in err and "no candidate" not in err
    # a batch records it too
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(image, src / "a.png")
    assert main(["derender", str(src), "--out", str(out), "--no-progress"]) == 1
    assert json.loads((out / "a.json").read_text())["error"][0]["code"] == "E110"


def test_not_an_image_is_a_located_e113(tmp_path: Path, image: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """A file that is not an image is bad input (exit 1, E113 at the file), not bad usage; in a
    batch its record says the same and the other images are still derendered."""
    bad = tmp_path / "x.png"
    bad.write_text("not an image")
    assert main(["derender", str(bad), "--model", "m"]) == 1
    err = capsys.readouterr().err
    assert f"{bad}:1:1: error[E113]: not a readable image: not a PNG" in err and "= hint: give a PNG" in err
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(bad, src / "bad.png")
    shutil.copy(image, src / "good.png")
    (src / "cut.png").write_bytes(image.read_bytes()[:200])
    assert main(["derender", str(src), "--out", str(out), "--no-progress"]) == 1
    for name in ("bad", "cut"):
        (diag,) = json.loads((out / f"{name}.json").read_text())["error"]
        assert diag["code"] == "E113" and diag["span"]["line"] == 1 and diag["message"].startswith("not a readable")
    assert (out / "good.rdsl").exists()


def test_verify_refuses_what_is_not_an_image_in_both_forms(tmp_path: Path,
                                                           capsys: pytest.CaptureFixture[str]) -> None:
    prog, bad = tmp_path / "p.rdsl", tmp_path / "x.png"
    prog.write_text(TARGET)
    bad.write_bytes(b"\x89PNG\r\n\x1a\n" + b"\0" * 40)  # a PNG's magic and no header
    assert main(["verify", str(prog), str(bad)]) == 1
    assert f"{bad}:1:1: error[E113]: not a readable image: the image header cannot be read" in capsys.readouterr().err
    assert main(["verify", str(prog), str(bad), "--json"]) == 1
    (diag,) = json.loads(capsys.readouterr().out)["diagnostics"]
    assert diag["code"] == "E113" and diag["span"] == {"line": 1, "col": 1, "end_line": 1, "end_col": 2}


def test_offline_batch_records_report_questions_that_are_no_query(image: Path, tmp_path: Path,
                                                                  monkeypatch: pytest.MonkeyPatch) -> None:
    """Without a model, a batch's JSON record carries the located error of each question that is no
    query (as the single-image command prints it), and the batch exits 1."""
    import recode_dsl.agent.batch as batch

    monkeypatch.delenv("RECODE_MODEL", raising=False)
    monkeypatch.setattr(batch, "offline_seeds", lambda png: [TARGET.replace('ask argmax("S")\n', "")])
    src, out = tmp_path / "src", tmp_path / "out"
    src.mkdir()
    shutil.copy(image, src / "a.png")
    args = ["derender", str(src), "--out", str(out), "--no-progress", "--ask", 'argmax("S")', "--ask", 'max("T")']
    assert main(args) == 1
    record = json.loads((out / "a.json").read_text())
    assert [a["query"] for a in record["answers"]] == ['argmax("S")']
    (diag,) = record["error"]
    assert (diag["file"], diag["code"], diag["span"]["col"], diag["question"]) == ("--ask 2", "E010", 5, 'max("T")')
    single = tmp_path / "one.rdsl"
    assert main(["derender", str(image), "-o", str(single), "--ask", 'max("T")']) == 1
    assert json.loads(single.with_suffix(".json").read_text())["error"][0]["file"] == "--ask 1"


def test_report_has_every_part(server: Scripted, image: Path, tmp_path: Path) -> None:
    server.script({"replies": [fence(BROKEN), fence(OTHER)]}, {"replies": [fence(TARGET)]})
    report = tmp_path / "report"
    assert run(server, image, "--candidates", "2", "--report", str(report)) == 0
    page = (report / "index.html").read_text()
    assert "input.png" in page and "r1-c2.png" in page and "r1-c2-diff.png" in page and "r2-c1.png" in page
    assert "E017" in page and "Chosen program" in page and "argmax" in page and "not verified" in page
    for name in ("input.png", "r1-c2.png", "r1-c2-diff.png", "r2-c1.png"):
        assert (report / name).read_bytes().startswith(b"\x89PNG")
    assert "http://" not in page and "https://" not in page and "<script" not in page


def _chromium() -> str | None:
    return shutil.which("chromium") or shutil.which("chromium-browser")


CHECK = """<script>
window.addEventListener('load', function () {
  var imgs = Array.prototype.slice.call(document.images);
  var ok = imgs.filter(function (i) { return i.complete && i.naturalWidth > 0; });
  document.body.setAttribute('data-images', imgs.length + '/' + ok.length);
});
</script></body>"""


def test_report_opens_in_headless_chromium_with_every_image(server: Scripted, image: Path, tmp_path: Path) -> None:
    chromium = _chromium()
    if chromium is None:
        pytest.skip("chromium is not installed (make installs Debian's chromium package)")
    server.script({"replies": [fence(BROKEN), fence(OTHER)]}, {"replies": [fence(TARGET)]})
    report = tmp_path / "report"
    assert run(server, image, "--candidates", "2", "--report", str(report)) == 0
    page = (report / "index.html").read_text()
    (report / "check.html").write_text(page.replace("</body>", CHECK).replace(
        "default-src 'none';", "default-src 'none'; script-src 'unsafe-inline';"))
    cmd = [chromium, "--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
           f"--user-data-dir={tmp_path / 'profile'}", "--virtual-time-budget=5000", "--dump-dom",
           (report / "check.html").as_uri()]
    dom = subprocess.run(cmd, capture_output=True, text=True, timeout=120).stdout
    marker = dom.split('data-images="')[1].split('"')[0]
    shown, ok = marker.split("/")
    assert int(shown) == page.count("<img ") == 5 and ok == shown  # input, 2 renderings, 2 differences


def _batch_dir(image: Path, tmp_path: Path, count: int) -> Path:
    src = tmp_path / "images"
    src.mkdir(exist_ok=True)
    for i in range(count):
        shutil.copy(image, src / f"img{i}.png")
    return src


def test_batch_with_jobs_is_complete_and_resumable(server: Scripted, image: Path, tmp_path: Path) -> None:
    server.script({"replies": [fence(TARGET)]})
    src = _batch_dir(image, tmp_path, 3)
    (src / "broken.png").write_text("not an image")
    out = tmp_path / "out"
    args = ["derender", str(src), "--out", str(out), "--jobs", "2", "--model", "m", "--base-url", server.url,
            "--candidates", "1", "--retries", "0", "--no-offline", "--no-progress", "--report", "reports"]
    assert main(args) == 1  # the broken image is reported, the others done
    for i in range(3):
        record = json.loads((out / f"img{i}.json").read_text())
        assert record["verified"] and normalise((out / f"img{i}.rdsl").read_text()) == normalise(TARGET)
        assert (out / f"img{i}" / "index.html").exists()
    assert "readable" in json.loads((out / "broken.json").read_text())["error"][0]["message"]
    assert len(server.log()) == 3
    shutil.copy(image, src / "img9.png")
    server.script({"replies": [fence(TARGET)]})
    main(args)
    assert len(server.log()) == 1  # only the new image
    assert json.loads((out / "img9.json").read_text())["verified"]


def test_batch_on_a_local_ray_instance(server: Scripted, image: Path, tmp_path: Path) -> None:
    pytest.importorskip("ray", reason="ray is an optional extra (pip install 'recode-dsl[ray]')")
    server.script({"replies": [fence(TARGET)]})
    src = _batch_dir(image, tmp_path, 2)
    out = tmp_path / "out"
    args = ["derender", str(src), "--out", str(out), "--engine", "ray", "--model", "m", "--base-url", server.url,
            "--candidates", "1", "--retries", "0", "--no-offline", "--no-progress"]
    assert main(args) == 0
    for i in range(2):
        assert json.loads((out / f"img{i}.json").read_text())["verified"]
    assert len(server.log()) == 2


def test_one_request_budget_for_all_processes_of_a_batch(server: Scripted, image: Path, tmp_path: Path) -> None:
    server.script({"replies": [fence(TARGET)]})
    src = _batch_dir(image, tmp_path, 4)
    out = tmp_path / "out"
    args = ["derender", str(src), "--out", str(out), "--jobs", "2", "--model", "m", "--base-url", server.url,
            "--candidates", "1", "--retries", "0", "--no-offline", "--no-progress", "--max-requests", "3"]
    assert main(args) == 1
    assert len(server.log()) == 3
    records = [json.loads((out / f"img{i}.json").read_text()) for i in range(4)]
    assert sum(r["verified"] for r in records) == 3
    spent = [r for r in records if not r["verified"]]
    assert len(spent) == 1 and "budget of 3 requests" in spent[0]["error"][0]["message"]
