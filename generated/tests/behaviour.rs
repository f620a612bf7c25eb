//! The generated profile types used as a user would: reading, writing, patching, evolving enums.

use graphdoc::Patch;
use graphdoc_profile::*;
use serde_json::{json, Value};

#[test]
fn unknown_members_and_odata_type_are_kept() {
    let v = json!({
        "@odata.type": "#microsoft.graph.skillProficiency",
        "id": "1",
        "thumbnailUrl": "https://example.com/t.png",
        "proficiency": "expert"
    });
    let skill: SkillProficiency = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(
        skill.additional_data["thumbnailUrl"],
        "https://example.com/t.png"
    );
    assert_eq!(
        skill.additional_data["@odata.type"],
        "#microsoft.graph.skillProficiency"
    );
    assert_eq!(serde_json::to_value(&skill).unwrap(), v);
}

#[test]
fn enums_keep_values_the_docs_never_listed() {
    let level: SkillProficiencyLevel = serde_json::from_value(json!("grandMaster")).unwrap();
    assert_eq!(level, SkillProficiencyLevel::Other("grandMaster".into()));
    assert_eq!(serde_json::to_value(&level).unwrap(), json!("grandMaster"));
    assert_eq!(level.as_str(), "grandMaster");
    assert_eq!(
        "expert".parse::<SkillProficiencyLevel>(),
        Ok(SkillProficiencyLevel::Expert)
    );
    assert_eq!(
        SkillProficiencyLevel::LimitedWorking.to_string(),
        "limitedWorking"
    );
    assert_eq!(
        LanguageProficiencyLevel::VALUES,
        [
            "elementary",
            "conversational",
            "limitedWorking",
            "professionalWorking",
            "fullProfessional",
            "nativeOrBilingual",
            "unknownFutureValue"
        ]
    );
    // `allowedAudiences` is `String` on the facet pages but `allowedAudiences` on itemFacet: the named type won.
    let facet = SkillProficiency {
        allowed_audiences: Some(AllowedAudiences::Organization),
        ..Default::default()
    };
    assert_eq!(
        serde_json::to_value(&facet).unwrap(),
        json!({"allowedAudiences": "organization"})
    );
}

#[test]
fn typed_primitives_round_trip_exactly() {
    let v = json!({
        "issuedDate": "2019-04-01",
        "createdDateTime": "2021-03-14T09:12:00.1234567+01:00",
        "inference": {"confidenceScore": 0.75, "userHasVerifiedAccuracy": true}
    });
    let cert: PersonCertification = serde_json::from_value(v.clone()).unwrap();
    assert_eq!(cert.issued_date.as_ref().unwrap().to_string(), "2019-04-01");
    assert_eq!(serde_json::to_value(&cert).unwrap(), v);
    // A placeholder is not a date: reading fails with a message instead of inventing a value.
    let err =
        serde_json::from_value::<PersonCertification>(json!({"endDate": "Date"})).unwrap_err();
    assert!(err.to_string().contains("Date"), "{err}");
}

#[test]
fn patch_fields_are_absent_null_or_value() {
    let patch = LanguageProficiencyPatch::default()
        .display_name("English")
        .clear_tag();
    let v = serde_json::to_value(&patch).unwrap();
    assert_eq!(v, json!({"displayName": "English", "tag": null}));
    // Reading it back keeps the distinction between null and absent.
    let back: LanguageProficiencyPatch = serde_json::from_value(v).unwrap();
    assert_eq!(back.tag, Some(None));
    assert_eq!(back.inference, None);
    assert_eq!(back, patch);
    assert_eq!(
        serde_json::to_value(LanguageProficiencyPatch::default()).unwrap(),
        json!({})
    );
}

#[test]
fn patch_types_leave_out_read_only_properties() {
    // Read-only in the resource pages: not part of any patch, whatever an update page's table says.
    let v = serde_json::from_value::<LanguageProficiencyPatch>(
        json!({"id": "x", "createdDateTime": "2020-01-01T00:00:00Z"}),
    );
    let patch = v.unwrap();
    // Not patch fields: they land in `additional_data`, kept and written back as read (a PATCH
    // body may carry `@odata.type` or properties its page does not list).
    assert_eq!(patch.additional_data.len(), 2, "{patch:?}");
    assert_eq!(
        serde_json::to_value(&patch).unwrap(),
        json!({"id": "x", "createdDateTime": "2020-01-01T00:00:00Z"})
    );
    let names: Vec<String> = serde_json::to_value(
        SkillProficiencyPatch::default()
            .display_name("x")
            .clear_categories()
            .clear_collaboration_tags()
            .clear_proficiency()
            .clear_allowed_audiences()
            .clear_inference(),
    )
    .unwrap()
    .as_object()
    .unwrap()
    .keys()
    .cloned()
    .collect();
    assert_eq!(
        names,
        [
            "allowedAudiences",
            "categories",
            "collaborationTags",
            "displayName",
            "inference",
            "proficiency"
        ]
    );
}

/// A small deterministic generator: values for every patchable field, including nulls.
struct Rng(u64);
impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0
    }
    fn pick<'a>(&mut self, xs: &[&'a str]) -> Option<&'a str> {
        let i = (self.next() % (xs.len() as u64 + 1)) as usize;
        xs.get(i).copied()
    }
}

fn random_skill(rng: &mut Rng) -> SkillProficiency {
    let s = |rng: &mut Rng| rng.pick(&["a", "b", "API Design"]).map(str::to_string);
    SkillProficiency {
        display_name: s(rng),
        web_url: s(rng),
        categories: rng.pick(&["x", "y"]).map(|c| vec![c.to_string()]),
        proficiency: rng
            .pick(&["expert", "elementary", "somethingNew"])
            .map(SkillProficiencyLevel::from),
        allowed_audiences: rng.pick(&["me", "everyone"]).map(AllowedAudiences::from),
        collaboration_tags: rng
            .pick(&["askMeAbout", "wantsToLearn"])
            .map(|t| vec![SkillProficiencyCollaborationTags::from(t)]),
        inference: rng.pick(&["i"]).map(|_| InferenceData {
            confidence_score: Some(0.5),
            ..Default::default()
        }),
        id: s(rng),
        ..Default::default()
    }
}

#[test]
fn apply_of_diff_reaches_the_newer_value_on_every_patchable_field() {
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    for _ in 0..500 {
        let old = random_skill(&mut rng);
        let new = random_skill(&mut rng);
        let patch = old.diff(&new);
        // The patch survives the wire.
        let wire: Value = serde_json::to_value(&patch).unwrap();
        let patch: SkillProficiencyPatch = serde_json::from_value(wire).unwrap();
        let mut updated = old.clone();
        updated.apply(patch);
        // Every patchable field now equals the newer value; `id` is read-only and stays.
        let expected = SkillProficiency {
            id: old.id.clone(),
            web_url: old.web_url.clone(),
            ..new.clone()
        };
        assert_eq!(updated, expected);
        assert_eq!(old.diff(&old), SkillProficiencyPatch::default());
    }
}

#[test]
fn a_list_of_item_facets_reads_each_as_its_own_type() {
    let list = json!([
        {"@odata.type": "#microsoft.graph.skillProficiency", "id": "1", "displayName": "Rust",
         "proficiency": "expert"},
        {"@odata.type": "microsoft.graph.languageProficiency", "id": "2", "displayName": "Dutch",
         "spoken": "conversational"},
        {"@odata.type": "#MICROSOFT.GRAPH.PERSONCERTIFICATION", "id": "3",
         "certificationId": "AZ-900"},
        {"id": "4", "displayName": "no tag: the base type"},
        {"@odata.type": "#microsoft.graph.somethingNewer", "id": "5", "extra": true}
    ]);
    let facets: Vec<AnyItemFacet> = serde_json::from_value(list.clone()).unwrap();
    let AnyItemFacet::SkillProficiency(skill) = &facets[0] else {
        panic!("{:?}", facets[0]);
    };
    assert_eq!(skill.proficiency, Some(SkillProficiencyLevel::Expert));
    let AnyItemFacet::LanguageProficiency(language) = &facets[1] else {
        panic!("{:?}", facets[1]);
    };
    assert_eq!(
        language.spoken,
        Some(LanguageProficiencyLevel::Conversational)
    );
    let AnyItemFacet::PersonCertification(cert) = &facets[2] else {
        panic!("{:?}", facets[2]);
    };
    assert_eq!(cert.certification_id.as_deref(), Some("AZ-900"));
    assert!(matches!(&facets[3], AnyItemFacet::ItemFacet(f) if f.id.as_deref() == Some("4")));
    // A type the docs do not know falls back to the base and keeps everything.
    let AnyItemFacet::ItemFacet(newer) = &facets[4] else {
        panic!("{:?}", facets[4]);
    };
    assert_eq!(newer.additional_data["extra"], true);
    assert_eq!(
        facets[2].odata_type(),
        "microsoft.graph.personCertification"
    );
    // Every tag is written back as read, in its own spelling.
    assert_eq!(serde_json::to_value(&facets).unwrap(), list);
}

#[test]
fn a_derived_value_built_in_code_is_written_with_its_type() {
    let skill = SkillProficiency {
        display_name: Some("Rust".into()),
        ..Default::default()
    };
    let any = AnyItemFacet::from(skill.clone());
    let written = serde_json::to_value(&any).unwrap();
    assert_eq!(
        written,
        json!({"@odata.type": "#microsoft.graph.skillProficiency", "displayName": "Rust"})
    );
    // ... and reads back as the same variant.
    let back: AnyItemFacet = serde_json::from_value(written).unwrap();
    let AnyItemFacet::SkillProficiency(read) = back else {
        panic!("{back:?}");
    };
    assert_eq!(read.display_name, skill.display_name);
    // The base type is written without a tag: it needs none.
    let base = AnyItemFacet::from(ItemFacet::default());
    assert_eq!(serde_json::to_value(&base).unwrap(), json!({}));
    // Entity's enum reaches the facets through itemFacet.
    let entity: AnyEntity =
        serde_json::from_value(json!({"@odata.type": "#microsoft.graph.skillProficiency"}))
            .unwrap();
    assert!(matches!(entity, AnyEntity::SkillProficiency(_)));
}

#[test]
fn a_patch_keeps_members_that_are_not_fields_and_applies_them() {
    let body = json!({
        "@odata.type": "#microsoft.graph.skillProficiency",
        "proficiency": "expert",
        "thumbnailUrl": null
    });
    let patch: SkillProficiencyPatch = serde_json::from_value(body.clone()).unwrap();
    assert_eq!(patch.proficiency, Some(Some(SkillProficiencyLevel::Expert)));
    assert_eq!(serde_json::to_value(&patch).unwrap(), body);
    let mut skill = SkillProficiency::default();
    skill
        .additional_data
        .insert("thumbnailUrl".into(), json!("https://example.com/t.png"));
    skill.apply(patch);
    assert_eq!(skill.proficiency, Some(SkillProficiencyLevel::Expert));
    // Members are merged into the resource's own; `null` removes one.
    assert_eq!(
        skill.additional_data["@odata.type"],
        "#microsoft.graph.skillProficiency"
    );
    assert!(!skill.additional_data.contains_key("thumbnailUrl"));
    // `diff` covers patch fields only: it never sends annotations or unlisted members.
    let mut newer = skill.clone();
    newer.additional_data.insert("extra".into(), json!(1));
    assert!(skill.diff(&newer).additional_data.is_empty());
}

#[test]
fn a_patch_member_naming_a_typed_property_sets_that_property() {
    // `id` and `webUrl` are properties of the resource but not patch fields: the patch keeps
    // them in `additional_data`, and `apply` must set the typed fields rather than add members
    // the resource would then write twice (and could not read back).
    let mut skill: SkillProficiency = serde_json::from_value(json!({
        "id": "1",
        "webUrl": "https://a",
        "displayName": "x",
        "createdDateTime": "2020-01-01T00:00:00Z"
    }))
    .unwrap();
    let created = skill.created_date_time.clone();
    assert!(created.is_some());
    let patch: SkillProficiencyPatch =
        serde_json::from_value(json!({"id": "2", "webUrl": null, "createdDateTime": 3})).unwrap();
    skill.apply(patch);
    assert_eq!(skill.id.as_deref(), Some("2"));
    assert_eq!(skill.web_url, None);
    // A value the property cannot hold leaves it as it was.
    assert_eq!(skill.created_date_time, created);
    assert!(skill.additional_data.is_empty(), "{skill:?}");
    // A patch built in code may hold a patch field's member in `additional_data` too.
    let mut patch = SkillProficiencyPatch::default();
    patch
        .additional_data
        .insert("displayName".into(), json!("y"));
    skill.apply(patch);
    assert_eq!(skill.display_name.as_deref(), Some("y"));
    assert!(skill.additional_data.is_empty(), "{skill:?}");
    let text = serde_json::to_string(&skill).unwrap();
    assert_eq!(
        serde_json::from_str::<SkillProficiency>(&text).unwrap(),
        skill
    );
}

#[test]
fn other_holding_a_documented_value_is_that_value() {
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};
    let hash = |v: &AllowedAudiences| {
        let mut h = DefaultHasher::new();
        v.hash(&mut h);
        h.finish()
    };
    let built = AllowedAudiences::Other("me".to_owned());
    // It writes and displays as `me`, so it reads back, parses back and compares as `Me`.
    let back: AllowedAudiences =
        serde_json::from_str(&serde_json::to_string(&built).unwrap()).unwrap();
    assert_eq!(back, built);
    assert_eq!(
        built.to_string().parse::<AllowedAudiences>().unwrap(),
        built
    );
    assert_eq!(hash(&built), hash(&AllowedAudiences::Me));
    assert_eq!(built.cmp(&AllowedAudiences::Me), std::cmp::Ordering::Equal);
    // Documented order first, then values the docs did not list, by text.
    let mut all = [
        AllowedAudiences::Other("zz".into()),
        AllowedAudiences::Everyone,
        AllowedAudiences::Other("aa".into()),
        AllowedAudiences::Other("family".into()),
        AllowedAudiences::Me,
    ];
    all.sort();
    let wires: Vec<&str> = all.iter().map(AllowedAudiences::as_str).collect();
    assert_eq!(wires, ["me", "family", "everyone", "aa", "zz"]);
    assert_ne!(
        AllowedAudiences::Other("Me".into()),
        AllowedAudiences::Me,
        "wire values are case-sensitive"
    );
    // So `diff` sends nothing for a value that is the same on the wire.
    let old: SkillProficiency = serde_json::from_value(json!({"proficiency": "expert"})).unwrap();
    let mut local = old.clone();
    local.proficiency = Some(SkillProficiencyLevel::Other("expert".into()));
    assert_eq!(old.diff(&local), SkillProficiencyPatch::default());
}
