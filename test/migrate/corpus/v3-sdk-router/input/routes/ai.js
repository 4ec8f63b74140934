const express = require("express");
const { Configuration, OpenAIApi } = require("openai");

const router = express.Router();
const configuration = new Configuration({
  apiKey: process.env.OPENAI_API_KEY,
});
const openai = new OpenAIApi(configuration);

router.post("/ask", async (req, res) => {
  const out = await openai.createChatCompletion({ model: "gpt-3.5-turbo", messages: [{ role: "user", content: req.body.q }] });
  res.json(out.data.choices[0].message);
});

module.exports = router;
