"""The ceiling for bench/web.py: a Flask route that does nothing but answer "ok"."""

from flask import Flask

app = Flask(__name__)


@app.route("/")
def index() -> str:
    return "ok"
