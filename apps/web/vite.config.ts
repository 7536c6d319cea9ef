import react from "@vitejs/plugin-react";
import { defineConfig } from "vite";

// The API's APP_URL defaults to http://localhost:5173: reset links open this app's dev server.
export default defineConfig({
  plugins: [react()],
  server: { port: 5173, strictPort: true },
  preview: { port: 5173, strictPort: true },
  build: { sourcemap: false },
});
