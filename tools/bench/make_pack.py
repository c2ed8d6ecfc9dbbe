#!/usr/bin/python3
"""Writes a synthetic content pack of N principles for the benchmarks (not a test).

It has the structure of content/service-principles: the same pack.toml (its groups and
sources), and N principle files written as that pack's are, each with a title, summary, body,
source, group, tags, two to five do's and don'ts (id, text, why, weight, some critical, a
source), and an order on some. The text is the default pack's own sentences, shuffled and
recombined per principle so that no two files are alike; the output is the same for the same
N and seed. Cross-references are those the schema has for principles: each names a group and
sources of pack.toml. With --questions, a questions file per 50 principles adds one question
per principle that refers to it.

Usage: make_pack.py OUT_DIR [--principles N] [--seed S] [--questions]
"""

import argparse
import os
import random
import re
import sys
import tomllib

ROOT = os.path.join(os.path.dirname(os.path.abspath(__file__)), "..", "..")
SOURCE_PACK = os.path.join(ROOT, "content", "service-principles")


def quote(text):
    """A TOML basic string."""
    out = text.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")
    return '"' + out + '"'


def sentences(text):
    return [s.strip() for s in re.split(r"(?<=[.!?])\s+", text) if s.strip()]


def read_corpus():
    principles = []
    folder = os.path.join(SOURCE_PACK, "principles")
    for name in sorted(os.listdir(folder)):
        if name.endswith(".toml"):
            with open(os.path.join(folder, name), "rb") as f:
                principles.append(tomllib.load(f)["principle"])
    with open(os.path.join(SOURCE_PACK, "pack.toml"), "rb") as f:
        manifest = tomllib.load(f)
    return principles, manifest


def principle_file(i, rng, corpus, groups, sources):
    base = corpus[i % len(corpus)]
    other = corpus[(i * 7 + 3) % len(corpus)]
    pid = f"{base['id']}-{i}"
    body_sentences = sentences(base.get("body", "")) + sentences(other.get("body", ""))
    rng.shuffle(body_sentences)
    paragraphs = []
    while body_sentences:
        take = min(len(body_sentences), rng.randint(2, 4))
        paragraphs.append(" ".join(body_sentences[:take]))
        body_sentences = body_sentences[take:]
    lines = [
        "[principle]",
        f"id = {quote(pid)}",
        f"title = {quote(base['title'] + ', case ' + str(i))}",
        f"summary = {quote(rng.choice([base, other])['summary'])}",
        'body = """',
        "\n\n".join(paragraphs[:4]),
        '"""',
        f"source = {quote(rng.choice(sources))}",
        f"group = {quote(groups[i % len(groups)])}",
    ]
    if i % 3 == 0:
        lines.append(f"order = {i % 10000 + 1}")
    tags = sorted(set(base.get("tags", []) + rng.sample(other.get("tags", []) or ["service"], 1)))
    lines.append("tags = [" + ", ".join(quote(t) for t in tags) + "]")
    behaviors = [(kind, b) for p in (base, other) for kind in ("do", "dont") for b in p.get(kind, [])]
    rng.shuffle(behaviors)
    count = rng.randint(2, min(5, len(behaviors)))
    for n, (kind, b) in enumerate(sorted(behaviors[:count], key=lambda kb: kb[0])):
        lines += [
            "",
            f"[[principle.{kind}]]",
            f"id = {quote(b['id'] + '-' + str(n + 1))}",
            f"text = {quote(b['text'])}",
            f"why = {quote(b['why'])}",
            f"weight = {rng.randint(1, 3)}",
        ]
        if b.get("critical") or rng.random() < 0.1:
            lines.append("critical = true")
        lines.append(f"source = {quote(rng.choice(sources))}")
    return pid, "\n".join(lines) + "\n"


def question(pid, title, summary, rng):
    return "\n".join([
        "[[question]]",
        f"id = {quote('q-' + pid)}",
        f"principle = {quote(pid)}",
        'kind = "true-false"',
        f"prompt = {quote(title + ': ' + summary)}",
        f"answer = {'true' if rng.random() < 0.5 else 'false'}",
        f"feedback = {quote(summary)}",
        "",
    ])


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("out")
    parser.add_argument("--principles", type=int, default=500)
    parser.add_argument("--seed", type=int, default=20)
    parser.add_argument("--questions", action="store_true")
    args = parser.parse_args()
    if args.principles < 1:
        sys.exit("make_pack.py: --principles must be at least 1")
    corpus, manifest = read_corpus()
    groups = [g["id"] for g in manifest.get("group", [])]
    sources = [s["id"] for s in manifest.get("source", [])]
    rng = random.Random(args.seed)

    os.makedirs(os.path.join(args.out, "principles"), exist_ok=True)
    with open(os.path.join(SOURCE_PACK, "pack.toml"), encoding="utf-8") as f:
        text = f.read()
    text = text.replace('id = "service-principles"', 'id = "synthetic-principles"', 1)
    text = text.replace('title = "Service Principles"',
                        f'title = "Synthetic Principles ({args.principles})"', 1)
    with open(os.path.join(args.out, "pack.toml"), "w", encoding="utf-8") as f:
        f.write(text)
    width = len(str(args.principles))
    questions = []
    for i in range(1, args.principles + 1):
        pid, body = principle_file(i, rng, corpus, groups, sources)
        with open(os.path.join(args.out, "principles", f"p{i:0{width}d}.toml"), "w",
                  encoding="utf-8") as f:
            f.write(body)
        if args.questions:
            base = corpus[i % len(corpus)]
            questions.append(question(pid, base["title"], base["summary"], rng))
    if questions:
        os.makedirs(os.path.join(args.out, "questions"), exist_ok=True)
        for start in range(0, len(questions), 50):
            name = f"q{start // 50 + 1:0{width}d}.toml"
            with open(os.path.join(args.out, "questions", name), "w", encoding="utf-8") as f:
                f.write("\n".join(questions[start:start + 50]))


if __name__ == "__main__":
    main()
