# corpus fixture: only the shape detection reads, written fresh; source + commit in e2e/django-corpus/corpus.json
