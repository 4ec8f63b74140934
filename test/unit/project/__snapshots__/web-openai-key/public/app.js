// The chat page: sends the conversation to /api/chat and shows the reply as it streams in, one JSON object a line:
// {"text"} pieces, then {"done"} or {"error"} (the server's explanation, in words). Model output is shown as text,
// never as HTML.

/** Turns of the conversation sent with each question: the server refuses more (src/web/limits.ts). */
const MAX_TURNS = 20;

const transcript = document.querySelector("#transcript");
const form = document.querySelector("#ask");
const question = document.querySelector("#question");
const sendButton = document.querySelector("#send");
const stopButton = document.querySelector("#stop");
const errorBox = document.querySelector("#error");

/** The conversation so far: { role: "user" | "assistant", content }. */
const history = [];
let stopping;

form.addEventListener("submit", (event) => {
  event.preventDefault();
  const text = question.value.trim();
  if (text !== "" && !stopping) ask(text);
});

// Enter sends, Shift+Enter starts a new line.
question.addEventListener("keydown", (event) => {
  if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
    event.preventDefault();
    form.requestSubmit();
  }
});

stopButton.addEventListener("click", () => stopping?.abort());

async function ask(text) {
  showError("");
  question.value = "";
  history.push({ role: "user", content: text });
  addTurn("user", text);
  const reply = addTurn("assistant", "");
  stopping = new AbortController();
  setBusy(true, reply);
  let answer = "";
  try {
    const response = await fetch("/api/chat", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ messages: history.slice(-MAX_TURNS) }),
      signal: stopping.signal,
    });
    if (!response.ok || !response.body) {
      const body = await response.json().catch(() => ({}));
      throw new Error(body.error ?? `The server answered ${response.status}.`);
    }
    for await (const event of lines(response.body)) {
      if (event.error) throw new Error(event.error);
      if (typeof event.text === "string") {
        answer += event.text;
        reply.textContent = answer;
        reply.scrollIntoView({ block: "end" });
      }
    }
  } catch (error) {
    if (stopping.signal.aborted) {
      reply.dataset.stopped = "true";
    } else {
      showError(error instanceof Error ? error.message : String(error));
    }
  } finally {
    if (answer === "") {
      // Nothing came back: the question is taken back, to be asked again.
      history.pop();
      reply.remove();
    } else {
      history.push({ role: "assistant", content: answer });
    }
    setBusy(false, reply);
    stopping = undefined;
    question.focus();
  }
}

/** The JSON objects of a newline-delimited JSON body, as they arrive (characters split between reads included). */
async function* lines(body) {
  const reader = body.pipeThrough(new TextDecoderStream()).getReader();
  let buffered = "";
  for (;;) {
    const { value, done } = await reader.read();
    if (done) break;
    buffered += value;
    const complete = buffered.split("\n");
    buffered = complete.pop() ?? "";
    for (const line of complete) if (line.trim() !== "") yield JSON.parse(line);
  }
  if (buffered.trim() !== "") yield JSON.parse(buffered);
}

function addTurn(role, text) {
  const item = document.createElement("li");
  item.className = role;
  item.textContent = text;
  transcript.append(item);
  return item;
}

function setBusy(busy, reply) {
  sendButton.disabled = busy;
  stopButton.disabled = !busy;
  reply.setAttribute("aria-busy", String(busy));
}

function showError(message) {
  errorBox.textContent = message;
  errorBox.hidden = message === "";
}
