def fetch_git_sha(path):
    return None
