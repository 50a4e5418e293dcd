FROM alpine
CMD ["\ud83d\ude00", "\ud800x"]
