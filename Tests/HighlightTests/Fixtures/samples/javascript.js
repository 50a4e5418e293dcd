// live reload
const source = new EventSource(`/_reload?x=${1 + 2}`);
source.onmessage = (event) => { if (event.data === "reload") location.reload(); };
export default function f(a, b = /re+/g) { return null; }
