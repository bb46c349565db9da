const { Testing } = require("cdktf");

Testing.setupJest();

// cdktf records a full stack trace for every token it creates (cdktf/lib/tokens/private/stack-trace.js),
// only to append it to the message of a token that later fails to resolve. Under jest, whose source-map
// support maps every frame of those traces, that was 60 % of a synth's CPU (the route-tree property test:
// 10.5 of 17.4 s). Tests keep every token error's message, without the creation stack;
// CDKTF_CREATION_STACKS=1 brings the stacks back when one is needed to debug.
if (process.env.CDKTF_CREATION_STACKS !== "1") {
  require("cdktf/lib/tokens/private/stack-trace").captureStackTrace = () => [];
}
