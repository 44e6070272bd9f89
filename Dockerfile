# The service as an image: one image, four roles (see compose.yaml and the README's "Deploying it").
# Not built by CI (no Docker engine there); `npm run build` and the dist entry points it runs are.

FROM node:20-bookworm-slim AS build
# better-sqlite3 compiles its addon with node-gyp.
RUN apt-get update && apt-get install -y --no-install-recommends python3 make g++ && rm -rf /var/lib/apt/lists/*
WORKDIR /app
COPY package.json package-lock.json turbo.json tsconfig.base.json ./
COPY packages ./packages
COPY services ./services
COPY test/package.json ./test/package.json
RUN npm ci --no-audit --no-fund
COPY migrations ./migrations
RUN npm run build && npm prune --omit=dev --no-audit --no-fund

FROM node:20-bookworm-slim
WORKDIR /app
ENV NODE_ENV=production HOST=0.0.0.0 PORT=8080 DATABASE_PATH=/data/recon.db
COPY --from=build /app /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME /data
EXPOSE 8080
# The all-in-one service (API, ingest and reconciler processes). Roles: see compose.yaml.
CMD ["node", "services/server/dist/main.js"]
