module.exports = function requireKey(_req, res, next) {
  if (!process.env.OPENAI_API_KEY) return res.status(500).send("missing key");
  next();
};
