//! Collects the errors of one expansion so that the user sees all of them at once.

use std::fmt::Display;

use quote::ToTokens;

/// Errors found so far; every check pushes here instead of returning early (as serde_derive's
/// `Ctxt` does), and the expansion combines them into one [`syn::Error`] at the end.
#[derive(Default)]
#[must_use = "collected errors must be reported with `finish` or `emit_with`"]
pub(crate) struct Errors(Vec<syn::Error>);

impl Errors {
    /// An error at `tokens` (their span, or the span from their first to their last token).
    pub(crate) fn spanned(&mut self, tokens: impl ToTokens, message: impl Display) {
        self.0.push(syn::Error::new_spanned(tokens, message));
    }

    /// An error that syn already made.
    pub(crate) fn push(&mut self, error: syn::Error) {
        self.0.push(error);
    }

    /// All errors as one (`compile_error!` for each when turned into tokens), or `None`.
    pub(crate) fn finish(self) -> Option<syn::Error> {
        self.0.into_iter().reduce(|mut all, e| {
            all.combine(e);
            all
        })
    }

    /// The expansion's output: every error as `compile_error!`, then what was expanded anyway
    /// (so that one mistake does not hide the rest of the user's code behind more errors).
    pub(crate) fn emit_with(self, expanded: proc_macro2::TokenStream) -> proc_macro2::TokenStream {
        let mut all = self
            .finish()
            .map(syn::Error::into_compile_error)
            .unwrap_or_default();
        all.extend(expanded);
        all
    }
}

/// The message of a caught panic, for the "graphdoc bug" error that replaces it.
pub(crate) fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| (*s).to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "no message".to_string())
}

/// Asserts that `found` holds one message per `expected` prefix, in order (tests of both macros).
#[cfg(test)]
pub(crate) fn assert_messages_start_with(found: &[String], expected: &[&str]) {
    assert_eq!(found.len(), expected.len(), "{found:#?}");
    for (f, e) in found.iter().zip(expected) {
        assert!(f.starts_with(e), "{f:?} should start with {e:?}");
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn all_errors_are_kept_in_order() {
        let mut errors = Errors::default();
        errors.spanned(quote::quote!(a), "first");
        errors.push(syn::Error::new_spanned(quote::quote!(a b), "second"));
        let all: Vec<String> = errors
            .finish()
            .expect("two errors")
            .into_iter()
            .map(|e| e.to_string())
            .collect();
        assert_eq!(all, ["first", "second"]);
        assert!(Errors::default().finish().is_none());
    }
}
