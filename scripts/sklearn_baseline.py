"""TF-IDF + k-means as an analyst would script it with scikit-learn: the comparison for `npm run bench`.

    /usr/bin/python3 scripts/sklearn_baseline.py INPUT.csv K

Reads the `statement` and `gold` columns of a swotlens input, clusters the statements into K
themes (TfidfVectorizer defaults, KMeans with k-means++ and n_init="auto", random_state=0), and
prints one line of JSON: the NMI against `gold`, and the time spent.
"""
import csv
import json
import sys
import time

started = time.perf_counter()
from sklearn.cluster import KMeans  # noqa: E402
from sklearn.feature_extraction.text import TfidfVectorizer  # noqa: E402
from sklearn.metrics import normalized_mutual_info_score  # noqa: E402

path, k = sys.argv[1], int(sys.argv[2])
with open(path, newline="", encoding="utf-8") as f:
    rows = list(csv.DictReader(f))
texts = [r["statement"] for r in rows]
gold = [r["gold"] for r in rows]
vectors = TfidfVectorizer().fit_transform(texts)
labels = KMeans(n_clusters=k, n_init="auto", random_state=0).fit_predict(vectors)
print(json.dumps({"nmi": normalized_mutual_info_score(gold, labels), "seconds": time.perf_counter() - started}))
