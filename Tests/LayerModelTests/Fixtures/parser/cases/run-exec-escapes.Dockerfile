FROM alpine
RUN ["printf", "a\tb\n", "\u00e9\u2603", "\"q\"", "\\"]
