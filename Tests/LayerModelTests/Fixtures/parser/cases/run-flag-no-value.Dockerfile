FROM alpine
COPY --link --from builder /a /b
