import configparser
import os
from pathlib import Path

CONFIG = {
    "filesystem": {
        "base": {"default": Path(__file__).parent.parent.parent.parent},
        "static": {"default": None, "env": os.getenv("PRETALX_FILESYSTEM_STATIC")},
    },
    "database": {
        "backend": {"default": "sqlite3", "env": os.getenv("PRETALX_DB_TYPE")},
        "name": {"env": os.getenv("PRETALX_DB_NAME")},
    },
}


def build_config():
    config = configparser.RawConfigParser()
    config.read([os.environ.get("PRETALX_CONFIG_FILE", "pretalx.cfg")])
    return config, []
