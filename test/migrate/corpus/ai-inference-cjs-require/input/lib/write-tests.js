const { llm, isUnexpected } = require("../config/llm");

async function writeTests(source) {
  const response = await llm.path("/chat/completions").post({
    body: { model: "gpt-4o", messages: [{ role: "user", content: `Write tests for:\n${source}` }] },
  });
  if (isUnexpected(response)) throw new Error(response.body.error.message);
  return response.body.choices[0].message.content;
}

module.exports = { writeTests };
