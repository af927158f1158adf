// decap-server's file backend (its own middlewares: path checks, reads, writes) on the Unix
// socket named by PORTAL_SOCKET, where only `invoke edit`'s gate (builder/editor.py) reaches it;
// decap-server's own entry point listens on a TCP port, which any local page or user could call.
import { createRequire } from "node:module";
import express from "express";

const require = createRequire(import.meta.url);
const { registerLocalFs } = require("decap-server/dist/middlewares");

const app = express();
await registerLocalFs(app, { logLevel: process.env.LOG_LEVEL || "error" });
app.listen(process.env.PORTAL_SOCKET);
