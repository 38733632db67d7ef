"""TF-IDF + k-means as an analyst would script it with scikit-learn: the comparison for `npm run bench`.

    /usr/bin/python3 scripts/sklearn_baseline.py INPUT.csv K

Reads the `statement` and `gold` columns of a swotlens input, clusters the statements into K
themes with scikit-learn's defaults (TfidfVectorizer(); KMeans(n_clusters=K, random_state=0), so
n_init is whatever the installed version defaults to: 10 in Debian's 1.2), and prints one line of
JSON: the NMI against `gold`, the version, and the time spent.
"""
import csv
import json
import sys
import time
import warnings

warnings.simplefilter("ignore")  # 1.2 warns that the default of n_init will change

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
labels = KMeans(n_clusters=k, random_state=0).fit_predict(vectors)
import sklearn  # noqa: E402

print(json.dumps({"nmi": normalized_mutual_info_score(gold, labels), "version": sklearn.__version__, "seconds": time.perf_counter() - started}))
