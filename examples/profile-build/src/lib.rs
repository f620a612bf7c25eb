//! Models generated at build time from the pages in `../../docs` by `build.rs`, which uses
//! `graphdoc_codegen::Builder`; only `skillProficiency` and the types it references are emitted.
//!
//! ```
//! use graphdoc::Patch;
//! use profile_build::{SkillProficiency, SkillProficiencyLevel, SkillProficiencyPatch};
//!
//! let mut skill: SkillProficiency =
//!     serde_json::from_str(r#"{"displayName": "Rust", "proficiency": "expert"}"#)?;
//! assert_eq!(skill.proficiency, Some(SkillProficiencyLevel::Expert));
//! skill.apply(SkillProficiencyPatch::default().clear_display_name());
//! assert_eq!(skill.display_name, None);
//! # Ok::<(), serde_json::Error>(())
//! ```

graphdoc::include_models!("profile.rs");

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_the_selected_type_and_what_it_references_are_generated() {
        // Referenced by skillProficiency (base types and property types) and so generated:
        let _: Option<(ItemFacet, Entity, IdentitySet, Identity, InferenceData)> = None;
        // `LanguageProficiency` is documented in the same pages but not selected; naming it here
        // would not compile, which is the point of `.types(..)`.
        let skill: SkillProficiency =
            serde_json::from_str(r#"{"id": "7", "createdBy": {"user": {"displayName": "Ada"}}}"#)
                .unwrap();
        assert_eq!(skill.id.as_deref(), Some("7"));
        let by = skill.created_by.unwrap().user.unwrap();
        assert_eq!(by.display_name.as_deref(), Some("Ada"));
    }
}
