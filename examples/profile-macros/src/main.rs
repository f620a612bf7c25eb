//! Reads a skill as Graph returns it, derives a card from it, and prints the PATCH bodies that
//! update both: `cargo run -p profile-macros`.

use graphdoc::Patch;
use profile_macros::profile::{SkillProficiency, SkillProficiencyLevel, SkillProficiencyPatch};
use profile_macros::CardSettings;

fn main() -> Result<(), serde_json::Error> {
    let skill: SkillProficiency = serde_json::from_str(
        r#"{"id": "1", "displayName": "API Design", "categories": ["Professional"], "proficiency": "advancedProfessional"}"#,
    )?;
    let update = SkillProficiencyPatch::default().proficiency(SkillProficiencyLevel::Expert);
    println!(
        "PATCH /me/profile/skills/1 {}",
        serde_json::to_string(&update)?
    );

    let card = CardSettings::for_skill(&skill);
    let mut updated = skill.clone();
    updated.apply(update);
    let new_card = CardSettings::for_skill(&updated);
    println!(
        "card settings change: {}",
        serde_json::to_string(&card.diff(&new_card))?
    );
    Ok(())
}
