//! Proc macros for graphdoc (work in progress, see issue 3).
