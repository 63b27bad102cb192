//! End-to-end tests of the `rostra` binary, one module per topic.

mod search;
