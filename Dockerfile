# One image for every Node service; docker-compose.yml picks the service with the command.
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY . .
RUN npm ci --no-audit --no-fund && npm run build && npm prune --omit=dev

FROM node:24-bookworm-slim
ENV NODE_ENV=production
WORKDIR /app
COPY --from=build /app /app
USER node
# e.g. `node scripts/dist/serve.js identity`, `… projects`, `node scripts/dist/migrate.js`
CMD ["node", "router/dist/main.js"]
