FROM alpine
ENTRYPOINT ["docker-entrypoint.sh"]
CMD ["python3"]
CMD gunicorn -b 0.0.0.0:5000 app:app
ENTRYPOINT exec top -b
