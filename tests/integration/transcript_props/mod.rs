//! Property tests of stage 1 (page text → `Transcript`).

mod arbitrary;
