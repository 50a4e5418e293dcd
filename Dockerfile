# syntax=docker/dockerfile:1
# Strata in a container: compiled with the Swift toolchain, run on Debian slim with only
# the C libraries it links. Build: docker build -t strata .
# Use (the site's folder mounted at /site):
#   docker run --rm -v "$PWD:/site" strata                      # strata build → _site/
#   docker run --rm -v "$PWD:/site" -p 4000:4000 strata serve --host 0.0.0.0 --poll
# Inside a container the server must listen on 0.0.0.0 to be reachable through -p, and
# bind mounts deliver no inotify events, hence --poll. See docs/deploy.md.

FROM swift:6.3-bookworm AS build
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcmark-gfm-dev libcmark-gfm-extensions-dev libsass-dev pkg-config \
 && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
# The Swift runtime is linked in, so the runtime stage needs no Swift at all (Foundation's
# ICU archive is named explicitly: swiftlang/swift-package-manager#10564).
RUN swift build -c release --static-swift-stdlib -Xlinker -l_FoundationICU --product strata \
 && install -s -D .build/release/strata /out/strata

FROM debian:bookworm-slim
RUN apt-get update \
 && apt-get install -y --no-install-recommends libcmark-gfm0.29.0.gfm.6 libcmark-gfm-extensions0.29.0.gfm.6 libsass1 \
 && rm -rf /var/lib/apt/lists/*
COPY --from=build /out/strata /usr/local/bin/strata
WORKDIR /site
EXPOSE 4000
ENTRYPOINT ["strata"]
CMD ["build"]
