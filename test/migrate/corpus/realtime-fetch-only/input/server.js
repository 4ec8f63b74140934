import express from "express";

const app = express();
const apiKey = process.env.OPENAI_API_KEY;

app.get("/token", async (_req, res) => {
  const r = await fetch("https://api.openai.com/v1/realtime/sessions", {
    method: "POST",
    headers: { Authorization: `Bearer ${apiKey}`, "Content-Type": "application/json" },
    body: JSON.stringify({ model: "gpt-4o-realtime-preview", voice: "verse" }),
  });
  res.json(await r.json());
});

app.listen(3000);
