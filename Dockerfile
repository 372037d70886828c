# Builds the loader and the server (used by docker-compose.yml).
FROM golang:1.26-bookworm AS build
WORKDIR /src
COPY go.mod go.sum ./
RUN go mod download
COPY . .
RUN CGO_ENABLED=0 go build -buildvcs=false -o /out/loader ./loader && \
    CGO_ENABLED=0 go build -buildvcs=false -o /out/server ./server

FROM debian:bookworm-slim
WORKDIR /app
COPY --from=build /out/loader /out/server /usr/local/bin/
COPY seeds ./seeds
EXPOSE 8080
CMD ["server"]
