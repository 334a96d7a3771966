# Multi-stage build: the same two steps as scripts/start (frontend to WASM,
# then the server that embeds it), then a slim runtime image with one binary.
FROM rust:1-bookworm AS build
RUN apt-get update \
    && apt-get install -y --no-install-recommends binaryen brotli zopfli \
    && rm -rf /var/lib/apt/lists/*
WORKDIR /src
COPY . .
RUN scripts/build-frontend.sh && cargo build --release -p mockroom

FROM debian:bookworm-slim
RUN apt-get update \
    && apt-get install -y --no-install-recommends ca-certificates \
    && rm -rf /var/lib/apt/lists/* \
    && useradd --system --create-home --home-dir /var/lib/mockroom mockroom
COPY --from=build /src/target/release/mockroom /usr/local/bin/mockroom
USER mockroom
WORKDIR /var/lib/mockroom
ENV MOCKROOM_BIND=0.0.0.0:3000 \
    MOCKROOM_DATABASE_URL=sqlite:/var/lib/mockroom/mockroom.db
EXPOSE 3000
ENTRYPOINT ["mockroom"]
CMD ["serve"]
