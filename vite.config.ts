import { defineConfig } from "vite";
import react from "@vitejs/plugin-react";

// The client lives in client/ and is built to dist/client, which the server serves.
// `npm run dev` proxies the API and both WebSocket paths to a server on :3000.
export default defineConfig({
  root: "client",
  plugins: [react()],
  build: { outDir: "../dist/client", emptyOutDir: true, sourcemap: true },
  server: {
    proxy: {
      "/api": "http://127.0.0.1:3000",
      "/realtime": { target: "http://127.0.0.1:3000", ws: true },
      "/collab": { target: "http://127.0.0.1:3000", ws: true },
    },
  },
});
