"""A tiny stand-in for the post's Flask dashboard: enough for `COPY . .` to copy something real."""
from flask import Flask

app = Flask(__name__)


@app.route("/")
def index():
    return "COVID dashboard"
