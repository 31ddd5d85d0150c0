"""The baseline every benchmark is compared with: the smallest Flask app, served the same way."""

from flask import Flask

app = Flask(__name__)


@app.get("/")
def hello() -> str:
    return "hello"
