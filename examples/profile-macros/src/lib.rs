//! An application crate that uses graphdoc as a user would: the profile types generated inside
//! the crate from the repository's pages (`docs` here is a symlink to the workspace's `docs/`,
//! so the pages are inside the crate as `models!` requires), and a settings struct of its own
//! with a patch type.
//!
//! ```
//! use graphdoc::Patch;
//! use profile_macros::{profile::SkillProficiency, CardSettings, CardSettingsPatch};
//!
//! let skill: SkillProficiency = serde_json::from_str(r#"{"displayName": "Rust", "proficiency": "expert"}"#)?;
//! let mut card = CardSettings::for_skill(&skill);
//! assert_eq!(card.title, "Rust");
//!
//! let patch: CardSettingsPatch = serde_json::from_str(r#"{"title": "Rust (expert)", "subtitle": null}"#)?;
//! card.apply(patch);
//! assert_eq!(card.title, "Rust (expert)");
//! assert_eq!(card.subtitle, None);
//! # Ok::<(), serde_json::Error>(())
//! ```

/// The skill and certification types of the profile API, with what they refer to.
pub mod profile {
    graphdoc::models!("docs", types = ["skillProficiency", "personCertification"]);
}

use profile::{SkillProficiency, SkillProficiencyLevel};

/// How the application shows a skill card: the application's own type, not a Graph one.
#[derive(graphdoc::Patch, Clone, Debug, PartialEq, serde::Serialize, serde::Deserialize)]
#[patch(serde, attr(serde(rename_all = "camelCase")))]
#[serde(rename_all = "camelCase")]
pub struct CardSettings {
    /// The card's heading.
    pub title: String,
    /// A second line, if any.
    pub subtitle: Option<String>,
    /// The level to show as a badge.
    pub badge: Option<SkillProficiencyLevel>,
    /// How many endorsements to list.
    pub max_endorsements: u8,
    /// Rendered HTML, recomputed locally: never part of an update.
    #[patch(skip)]
    #[serde(skip)]
    pub rendered: String,
}

impl CardSettings {
    /// The default card of a skill.
    pub fn for_skill(skill: &SkillProficiency) -> CardSettings {
        CardSettings {
            title: skill.display_name.clone().unwrap_or_default(),
            subtitle: skill.categories.as_ref().and_then(|c| c.first().cloned()),
            badge: skill.proficiency.clone(),
            max_endorsements: 3,
            rendered: String::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::profile::*;
    use super::*;
    use graphdoc::Patch;

    const SKILL: &str = r##"{"@odata.type":"#microsoft.graph.skillProficiency","id":"1","allowedAudiences":"organization","categories":["Professional"],"collaborationTags":["ableToMentor","somethingNew"],"createdDateTime":"2021-03-14T09:12:00.1234567+01:00","displayName":"API Design","inference":{"confidenceScore":0.75},"proficiency":"advancedProfessional","webUrl":"https://example.com"}"##;

    #[test]
    fn macro_types_read_and_write_what_the_published_crate_does() {
        let ours: SkillProficiency = serde_json::from_str(SKILL).unwrap();
        let published: graphdoc_profile::SkillProficiency = serde_json::from_str(SKILL).unwrap();
        assert_eq!(
            serde_json::to_value(&ours).unwrap(),
            serde_json::to_value(&published).unwrap()
        );
        let patch = SkillProficiencyPatch::default()
            .proficiency(SkillProficiencyLevel::Expert)
            .clear_display_name();
        let published_patch = graphdoc_profile::SkillProficiencyPatch::default()
            .proficiency(graphdoc_profile::SkillProficiencyLevel::Expert)
            .clear_display_name();
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            serde_json::to_string(&published_patch).unwrap()
        );
    }

    #[test]
    fn only_the_chosen_types_and_what_they_use_are_generated() {
        // `personCertification` and its patch type are here; `languageProficiency` was not asked
        // for, so the name is free in this module.
        #[allow(dead_code)]
        struct LanguageProficiency;
        let cert = PersonCertification {
            issued_date: Some("2019-04-01".parse().unwrap()),
            ..Default::default()
        };
        let _ = PersonCertificationPatch::default().clear_issued_date();
        assert_eq!(
            serde_json::to_string(&cert).unwrap(),
            r#"{"issuedDate":"2019-04-01"}"#
        );
    }

    #[test]
    fn the_settings_patch_sends_only_what_changed() {
        let skill: SkillProficiency = serde_json::from_str(SKILL).unwrap();
        let old = CardSettings::for_skill(&skill);
        let mut new = old.clone();
        new.badge = Some(SkillProficiencyLevel::Expert);
        new.subtitle = None;
        new.rendered = "<b>stale</b>".into();
        let patch = old.diff(&new);
        assert_eq!(
            serde_json::to_string(&patch).unwrap(),
            r#"{"subtitle":null,"badge":"expert"}"#
        );
        let mut updated = old.clone();
        updated.apply(patch);
        assert_eq!(
            updated,
            CardSettings {
                rendered: String::new(),
                ..new
            }
        );
    }
}
