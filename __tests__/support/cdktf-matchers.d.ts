// The matchers `Testing.setupJest()` installs (see setup.js), typed for `tsc --noEmit`.
import "cdktf/lib/testing/adapters/jest";
