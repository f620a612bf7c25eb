//! Builds the [`Model`] from parsed pages: one type per name, merged rows, resolved types, inheritance, patches.

use std::collections::{BTreeMap, BTreeSet};
use std::sync::Arc;

// Keys are type names, page stems and property names, hashed hundreds of thousands of times per
// run: Fx hashes them several times faster than SipHash (model: 568 M → 539 M instructions on
// the real reference). These maps are only looked up, never iterated (the drafts' keys are taken
// once and sorted), so no hash order reaches the output; crafted colliding names could only slow
// a run down.
use rustc_hash::{FxHashMap, FxHashSet};

use serde_json::Value;

use super::{EnumDef, EnumMember, Model, Operation, Origin, PatchDef, Property, Ty, TypeDef};
use crate::diagnostic::{Diagnostics, Kind, Pos};
use crate::naming;
use crate::parse::markdown::Link;
use crate::parse::types::{NamedRef, Prim, TypeExpr};
use crate::parse::{prose, Page, PageKind, PropertyRow};

const DEFAULT_NS: &str = "microsoft.graph";

/// A type or enum found by a lookup.
#[derive(Clone, Debug, PartialEq, Eq)]
enum Named {
    Struct(String),
    Enum(String),
}

/// Lookup tables over every registered name; all keys lowercase.
#[derive(Default)]
struct Index {
    structs: FxHashMap<String, Vec<String>>,
    enums: FxHashMap<String, Vec<String>>,
    pages: FxHashMap<String, Named>,
}

impl Index {
    fn add_struct(&mut self, key: &str, simple: &str) {
        push_unique(
            self.structs.entry(simple.to_ascii_lowercase()).or_default(),
            key,
        );
    }

    fn add_enum(&mut self, key: &str, simple: &str) {
        push_unique(
            self.enums.entry(simple.to_ascii_lowercase()).or_default(),
            key,
        );
    }

    /// The key of `keys` in namespace `ns` (any case), else in the default one, else the first.
    fn pick(keys: Option<&Vec<String>>, ns: &str) -> Option<String> {
        let keys = keys?;
        let in_ns = |n: &str| {
            keys.iter()
                .find(|k| ns_of(k).eq_ignore_ascii_case(n))
                .cloned()
        };
        in_ns(ns)
            .or_else(|| in_ns(DEFAULT_NS))
            .or_else(|| keys.first().cloned())
    }

    /// A name as written: qualified (`microsoft.graph.x`) or simple, enums first when `prefer_enum`.
    fn by_name(&self, name: &str, ns: &str, prefer_enum: bool) -> Option<Named> {
        let name = name.trim().trim_start_matches('#');
        let (ns, simple) = name.rsplit_once('.').unwrap_or((ns, name));
        // Keys are lowercase; a simple name is lowercased on the stack (type names are short).
        let mut buf = [0u8; 64];
        let lower = prose::lowercase(simple, &mut buf);
        let s = Self::pick(self.structs.get(&*lower), ns).map(Named::Struct);
        let e = Self::pick(self.enums.get(&*lower), ns).map(Named::Enum);
        if prefer_enum {
            e.or(s)
        } else {
            s.or(e)
        }
    }

    fn by_ref(&self, r: &NamedRef, ns: &str) -> Option<Named> {
        if let Some(f) = &r.fragment {
            // `[chatType](chat.md#chattype-values)`: an enum documented as a section.
            let name = f.strip_suffix("-values").unwrap_or(f);
            if let Some(n) = self.by_name(name, ns, true) {
                return Some(n);
            }
            return self.by_name(&r.name, ns, true);
        }
        if let Some(p) = r.page.as_deref().and_then(|p| self.pages.get(p)) {
            return Some(p.clone());
        }
        self.by_name(&r.name, ns, r.page.is_none())
    }

    fn by_link(&self, link: &Link, ns: &str) -> Option<Named> {
        match crate::parse::types::link_ref(link) {
            TypeExpr::Named(r) => self.by_ref(&r, ns),
            _ => None,
        }
    }
}

fn push_unique(v: &mut Vec<String>, key: &str) {
    if !v.iter().any(|k| k == key) {
        v.push(key.to_string());
        v.sort();
    }
}

fn ns_of(key: &str) -> &str {
    key.rsplit_once('.').map_or("", |(n, _)| n)
}

/// A row competing to define one property, borrowed from its page. About half the rows lose to
/// another page's (graph-beta-2021: 28,907 candidates for 14,673 properties), and of the winner
/// only the description is kept, copied into its [`Property`]: copies made per candidate were
/// mostly thrown away.
#[derive(Debug)]
struct Candidate<'a> {
    row: &'a PropertyRow,
    relationship: bool,
    /// 0: the declaring type's resource page, 1: a derived page repeating it, 2: an api page.
    source: u8,
    origin: Origin,
}

#[derive(Debug)]
struct Draft<'a> {
    name: String,
    namespace: String,
    description: &'a str,
    links: &'a [Link],
    base: Option<String>,
    /// Property names (as their pages write them) in first-seen order, with their candidates.
    rows: Vec<(&'a str, Vec<Candidate<'a>>)>,
    /// Where each name is in `rows`.
    row_of: FxHashMap<&'a str, usize>,
    origin: Origin,
    page: usize,
}

impl<'a> Draft<'a> {
    fn add(&mut self, name: &'a str, c: Candidate<'a>) {
        let at = match self.row_of.get(name) {
            Some(&at) => at,
            None => {
                self.row_of.insert(name, self.rows.len());
                // Most properties have one candidate: the default first capacity of four would
                // be mostly unused.
                self.rows.push((name, Vec::with_capacity(1)));
                self.rows.len() - 1
            }
        };
        self.rows[at].1.push(c);
    }

    fn has(&self, name: &str) -> bool {
        self.row_of.contains_key(name)
    }
}

struct Builder<'a> {
    pages: &'a [Page],
    diags: &'a mut Diagnostics,
    index: Index,
    /// Looked up by key far more often than walked: walks go through `order`.
    drafts: FxHashMap<String, Draft<'a>>,
    /// The keys of `drafts`, sorted (the order every walk takes, so the output does not depend on
    /// hashing); set once `register` has made every draft.
    order: Vec<String>,
    enums: BTreeMap<String, EnumDef>,
    /// Resource pages by the type they define (first page first), filled once after `register`.
    page_of: FxHashMap<String, Vec<usize>>,
}

pub(crate) fn build(pages: &[Page], diags: &mut Diagnostics) -> Model {
    let mut b = Builder {
        pages,
        diags,
        index: Index::default(),
        drafts: FxHashMap::default(),
        order: Vec::new(),
        enums: BTreeMap::new(),
        page_of: FxHashMap::default(),
    };
    b.register();
    b.order = b.drafts.keys().cloned().collect();
    b.order.sort_unstable();
    b.page_of = b.pages_by_type();
    b.bases();
    b.resource_rows();
    let operations = b.operations();
    let mut types = b.resolve();
    flatten(&mut types);
    patches(&mut types, &operations);
    boxing(&mut types);
    let mut enums = std::mem::take(&mut b.enums);
    name_everything(&mut types, &mut enums);
    let index = std::mem::take(&mut b.index);
    let struct_key = |t: &str| match index.by_name(t, DEFAULT_NS, false) {
        Some(Named::Struct(k)) => Some(k),
        _ => None,
    };
    let examples = super::examples::collect(pages, &types, &operations, &struct_key, b.diags);
    Model {
        types,
        enums,
        operations,
        examples,
        pages: pages.len(),
    }
}

impl<'a> Builder<'a> {
    fn origin(&self, page: usize, pos: Pos) -> Origin {
        Origin {
            file: self.pages[page].path.clone(),
            pos,
        }
    }

    /// The identity a resource page gives its type: `@odata.type`, else the H1, else the file name.
    fn identity(page: &Page) -> (String, String) {
        let annotated = page
            .resource
            .as_ref()
            .and_then(|r| r.get("@odata.type").or_else(|| r.get("@type")))
            .and_then(Value::as_str)
            .map(|s| s.trim().trim_start_matches('#').to_string())
            .filter(|s| crate::parse::types::is_type_name(s));
        let ns_line = page
            .namespace
            .as_deref()
            .map(|n| n.trim().trim_end_matches('.').to_string())
            .filter(|n| crate::parse::types::is_type_name(n));
        if let Some(t) = annotated {
            if let Some((ns, name)) = t.rsplit_once('.') {
                return (ns.to_string(), name.to_string());
            }
            return (ns_line.unwrap_or_else(|| DEFAULT_NS.into()), t);
        }
        let from_heading = |h: &str| {
            let lower = h.to_ascii_lowercase();
            for suffix in [
                " resource type",
                " complex type",
                " entity type",
                " resource",
                " object",
                " type",
            ] {
                if lower.ends_with(suffix) {
                    let name = h[..h.len() - suffix.len()].trim().trim_matches(['*', '`']);
                    if crate::parse::types::is_type_name(name) {
                        return Some(name.to_string());
                    }
                }
            }
            None
        };
        let name = page
            .h1
            .as_deref()
            .and_then(from_heading)
            .or_else(|| page.title.as_deref().and_then(from_heading))
            .unwrap_or_else(|| page.stem.clone());
        let (ns, name) = match name.rsplit_once('.') {
            Some((ns, n)) => (Some(ns.to_string()), n.to_string()),
            None => (None, name),
        };
        (ns.or(ns_line).unwrap_or_else(|| DEFAULT_NS.into()), name)
    }

    fn register(&mut self) {
        for (i, page) in self.pages.iter().enumerate() {
            let ns_line = page.namespace.clone().unwrap_or_else(|| DEFAULT_NS.into());
            for e in &page.enums {
                let key = format!("{ns_line}.{}", e.name).to_ascii_lowercase();
                let origin = self.origin(i, e.pos);
                // A value listed twice in one table is one member (the first row's): two would
                // be two match arms for one string.
                let mut members: Vec<EnumMember> = Vec::with_capacity(e.members.len());
                for m in &e.members {
                    if is_member(&members, &m.name) {
                        self.diags.warn(
                            &page.path,
                            e.pos,
                            Kind::Duplicate,
                            format!(
                                "enum `{}` lists the value `{}` twice: the first row is kept",
                                e.name, m.name
                            ),
                        );
                    } else if !m.name.is_empty() {
                        members.push(EnumMember {
                            name: m.name.clone(),
                            rust_name: String::new(),
                            description: m.description.clone(),
                        });
                    }
                }
                match self.enums.get_mut(&key) {
                    Some(existing) => {
                        let before = existing.members.len();
                        merge_members(
                            &mut existing.members,
                            members.iter().map(|m| m.name.as_str()),
                        );
                        if existing.members.len() != before {
                            self.diags.warn(
                                &page.path,
                                e.pos,
                                Kind::Duplicate,
                                format!(
                                    "enum `{}` is also documented at {}:{} with other members: members merged",
                                    e.name, existing.origin.file, existing.origin.pos.line
                                ),
                            );
                        }
                    }
                    None => {
                        self.index.add_enum(&key, &e.name);
                        if page.kind == PageKind::Enum && page.enums.len() == 1 {
                            self.index
                                .pages
                                .insert(page.stem.clone(), Named::Enum(key.clone()));
                        }
                        self.enums.insert(
                            key,
                            EnumDef {
                                name: e.name.clone(),
                                namespace: ns_line.clone(),
                                rust_name: String::new(),
                                members,
                                named_by_generator: false,
                                origin,
                            },
                        );
                    }
                }
            }
            let defines_type = page.kind == PageKind::Resource
                && (page.resource.is_some()
                    || !page.properties.is_empty()
                    || !page.relationships.is_empty());
            if !defines_type {
                continue;
            }
            let (ns, name) = Self::identity(page);
            let key = format!("{ns}.{name}").to_ascii_lowercase();
            self.index
                .pages
                .insert(page.stem.clone(), Named::Struct(key.clone()));
            if let Some(existing) = self.drafts.get(&key) {
                let first = &self.pages[existing.page];
                self.diags.warn(
                    &page.path,
                    page.h1_pos,
                    Kind::Duplicate,
                    format!(
                        "type `{name}` is also documented in {}: properties merged, that page wins conflicts",
                        first.path
                    ),
                );
                continue;
            }
            self.index.add_struct(&key, &name);
            let origin = self.origin(i, page.h1_pos);
            self.drafts.insert(
                key,
                Draft {
                    name,
                    namespace: ns,
                    description: page.description.as_ref().map_or("", |d| &d.text),
                    links: page.description.as_ref().map_or(&[], |d| &d.links),
                    base: None,
                    rows: Vec::new(),
                    row_of: FxHashMap::default(),
                    origin,
                    page: i,
                },
            );
        }
    }

    /// Resource pages by the type they define (the first one, then duplicates), computed once.
    fn pages_by_type(&self) -> FxHashMap<String, Vec<usize>> {
        let mut page_of: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (i, p) in self.pages.iter().enumerate() {
            if let Some(Named::Struct(k)) = self.index.pages.get(&p.stem) {
                if p.kind == PageKind::Resource {
                    page_of.entry(k.clone()).or_default().push(i);
                }
            }
        }
        page_of
    }

    fn bases(&mut self) {
        let keys = self.order.clone();
        for key in keys {
            let Some(pages) = self.page_of.get(&key) else {
                continue;
            };
            let page = &self.pages[pages[0]];
            let ns = self.drafts[&key].namespace.clone();
            let annotated = page.resource.as_ref().and_then(|r| r.get("baseType"));
            let mut base = None;
            let mut pos = page.h1_pos;
            if let Some(Value::String(b)) = annotated {
                match self.index.by_name(b, &ns, false) {
                    Some(Named::Struct(k)) => base = Some(k),
                    _ => self.diags.warn(
                        &page.path,
                        page.h1_pos,
                        Kind::BadBaseType,
                        format!("base type `{b}` is not documented: no base used"),
                    ),
                }
            }
            if base.is_none() {
                if let Some(link) = &page.inherits {
                    match self.index.by_link(link, &ns) {
                        Some(Named::Struct(k)) => base = Some(k),
                        _ => self.diags.warn(
                            &page.path,
                            page.h1_pos,
                            Kind::BadBaseType,
                            format!("base type `{}` is not documented: no base used", link.text),
                        ),
                    }
                }
            }
            if base.is_none() {
                // No annotation and no prose: the base the "Inherited from" rows name, if they agree.
                let named: BTreeSet<String> = page
                    .properties
                    .iter()
                    .filter_map(|r| r.inherited_from.as_ref())
                    .filter_map(|l| match self.index.by_link(l, &ns) {
                        Some(Named::Struct(k)) => Some(k),
                        _ => None,
                    })
                    .collect();
                if named.len() == 1 {
                    base = named.into_iter().next();
                    pos = page.properties.first().map_or(pos, |r| r.pos);
                }
            }
            if base.as_deref() == Some(key.as_str()) {
                self.diags.warn(
                    &page.path,
                    pos,
                    Kind::BadBaseType,
                    "type names itself as its base: no base used",
                );
                base = None;
            }
            if let Some(d) = self.drafts.get_mut(&key) {
                d.base = base;
            }
        }
        // Cut cycles: walk each chain, dropping the edge that closes a loop.
        let keys = self.order.clone();
        for key in keys {
            let mut seen = BTreeSet::from([key.clone()]);
            let mut cur = key.clone();
            while let Some(next) = self.drafts.get(&cur).and_then(|d| d.base.clone()) {
                if !seen.insert(next.clone()) {
                    let d = self
                        .drafts
                        .get_mut(&cur)
                        .expect("drafts has every chain member");
                    let o = d.origin.clone();
                    d.base = None;
                    self.diags.warn(
                        &o.file,
                        o.pos,
                        Kind::BadBaseType,
                        format!("base types form a cycle through `{next}`: cycle cut here"),
                    );
                    break;
                }
                cur = next;
            }
        }
    }

    /// `key` and its bases, nearest first, each once (a cycle of bases ends the walk). Borrowed,
    /// not copied: a chain is walked for every row a derived page repeats.
    fn chain<'s>(&'s self, key: &'s str) -> Vec<&'s str> {
        let mut out = vec![key];
        let mut cur = key;
        while let Some(b) = self.drafts.get(cur).and_then(|d| d.base.as_deref()) {
            if out.contains(&b) {
                break;
            }
            out.push(b);
            cur = b;
        }
        out
    }

    /// The nearest type that every alternative of a union is or derives from, when they are
    /// all documented structured types and have one.
    fn common_base(&self, alternatives: &[TypeExpr], ns: &str) -> Option<String> {
        let mut common: Option<Vec<String>> = None;
        for alt in alternatives {
            let TypeExpr::Named(r) = alt else {
                return None;
            };
            let Some(Named::Struct(k)) = self.index.by_ref(r, ns) else {
                return None;
            };
            let chain = self.chain(&k);
            common = Some(match common {
                None => chain.into_iter().map(str::to_string).collect(),
                Some(c) => c.into_iter().filter(|b| chain.contains(&&**b)).collect(),
            });
        }
        common?.into_iter().next()
    }

    fn candidate(
        &self,
        page: usize,
        row: &'a PropertyRow,
        source: u8,
        relationship: bool,
    ) -> Candidate<'a> {
        Candidate {
            row,
            relationship,
            source,
            origin: self.origin(page, row.pos),
        }
    }

    fn resource_rows(&mut self) {
        let keys = self.order.clone();
        let pages = self.pages;
        // Rows a page repeats from a base: (the page's type, the property's name, the row).
        let mut claims: Vec<(String, &str, Candidate)> = Vec::new();
        let page_of = std::mem::take(&mut self.page_of);
        // A type's own rows, added once its pages are read (one draft lookup per type).
        let mut own = Vec::new();
        for key in &keys {
            let ns = self.drafts[key].namespace.clone();
            for &pi in page_of.get(key).map_or(&[][..], Vec::as_slice) {
                let page = &pages[pi];
                let rows = page
                    .properties
                    .iter()
                    .map(|r| (r, false))
                    .chain(page.relationships.iter().map(|r| (r, true)));
                for (row, rel) in rows {
                    let claimed = row.inherited_from.as_ref().is_some_and(|l| {
                        matches!(self.index.by_link(l, &ns), Some(Named::Struct(k)) if &k != key)
                    });
                    if claimed {
                        let c = self.candidate(pi, row, 1, rel);
                        claims.push((key.clone(), &row.name, c));
                    } else {
                        own.push((&*row.name, self.candidate(pi, row, 0, rel)));
                    }
                }
            }
            let draft = self.drafts.get_mut(key).expect("key from drafts");
            // Room for the whole batch: the name map is not rehashed as it grows.
            draft.rows.reserve(own.len());
            draft.row_of.reserve(own.len());
            for (name, c) in own.drain(..) {
                draft.add(name, c);
            }
        }
        for (owner, name, c) in claims {
            // The row belongs to whichever ancestor declares it; if none does, the owner keeps it.
            let declarer = self
                .chain(&owner)
                .into_iter()
                .skip(1)
                .find(|&k| self.drafts.get(k).is_some_and(|d| d.has(name)))
                .map(str::to_string)
                .unwrap_or(owner);
            self.drafts
                .get_mut(&declarer)
                .expect("chain members are drafts")
                .add(name, c);
        }
    }

    /// The type an api page acts on: the response annotation, the response link, then the title.
    fn op_target(&self, page: &Page) -> Option<String> {
        let from_examples = page
            .examples
            .iter()
            .filter(|e| e.block_type == "response")
            .find_map(|e| e.annotated_type())
            .and_then(|(t, _)| match self.index.by_name(t, DEFAULT_NS, false) {
                Some(Named::Struct(k)) => Some(k),
                _ => None,
            });
        let from_response = || match &page.response_type {
            Some((TypeExpr::Named(r), _)) => match self.index.by_ref(r, DEFAULT_NS) {
                Some(Named::Struct(k)) => Some(k),
                _ => None,
            },
            _ => None,
        };
        let from_title = || {
            let h = page.h1.as_deref().or(page.title.as_deref())?;
            let last = h.split_whitespace().last()?;
            match self
                .index
                .by_name(last.trim_matches(['*', '`']), DEFAULT_NS, false)
            {
                Some(Named::Struct(k)) => Some(k),
                _ => None,
            }
        };
        from_examples.or_else(from_response).or_else(from_title)
    }

    fn operations(&mut self) -> Vec<Operation> {
        let mut ops = Vec::new();
        for (pi, page) in self.pages.iter().enumerate() {
            if page.kind != PageKind::Api || page.templates.is_empty() {
                continue;
            }
            let method = page.templates[0].method.clone();
            let target = self.op_target(page);
            let is_update = matches!(method.as_str(), "PATCH" | "PUT");
            if let (Some(t), true) = (&target, is_update) {
                // Owned: the drafts are changed while it is walked.
                let chain: Vec<String> = self.chain(t).into_iter().map(str::to_string).collect();
                for row in &page.request_body {
                    let c = self.candidate(pi, row, 2, false);
                    let declarer = chain
                        .iter()
                        .find(|k| self.drafts.get(*k).is_some_and(|d| d.has(&row.name)))
                        .cloned();
                    match declarer {
                        Some(k) => self
                            .drafts
                            .get_mut(&k)
                            .expect("chain member")
                            .add(&row.name, c),
                        None => {
                            let d = self.drafts.get_mut(t).expect("target is a draft");
                            self.diags.warn(
                                &page.path,
                                row.pos,
                                Kind::TypeConflict,
                                format!(
                                    "property `{}` is documented only on this api page: added to `{}`",
                                    row.name, d.name
                                ),
                            );
                            d.add(&row.name, c);
                        }
                    }
                }
            }
            ops.push(Operation {
                method,
                paths: page.templates.iter().map(|t| t.path.clone()).collect(),
                title: page
                    .h1
                    .clone()
                    .or_else(|| page.title.clone())
                    .unwrap_or_default(),
                target,
                request_body: Vec::new(),
                response: None,
                status: page.response_status,
                origin: self.origin(pi, page.templates[0].pos),
            });
        }
        // Request-body rows of every operation become typed properties once names resolve.
        let mut i = 0;
        for page in self.pages.iter() {
            if page.kind != PageKind::Api || page.templates.is_empty() {
                continue;
            }
            let op = &mut ops[i];
            i += 1;
            op.request_body = page
                .request_body
                .iter()
                .map(|row| Property {
                    name: row.name.clone(),
                    rust_name: String::new(),
                    ty: self.simple_ty(&row.ty, DEFAULT_NS),
                    description: row.description.text.as_str().into(),
                    doc_links: self.doc_links(&row.description.links, DEFAULT_NS),
                    read_only: row.read_only,
                    relationship: false,
                    declared_by: String::new(),
                    boxed: false,
                    origin: Origin {
                        file: page.path.clone(),
                        pos: row.pos,
                    },
                })
                .collect();
            op.response = match &page.response_type {
                Some((t, coll)) => {
                    let ty = self.simple_ty(t, DEFAULT_NS);
                    Some(if *coll {
                        Ty::Collection(Box::new(ty))
                    } else {
                        ty
                    })
                }
                None => None,
            };
        }
        ops
    }

    fn doc_links(&self, links: &[Link], ns: &str) -> Vec<(String, String)> {
        links
            .iter()
            .filter_map(|l| match self.index.by_link(l, ns)? {
                Named::Struct(k) | Named::Enum(k) => Some((l.text.clone(), k)),
            })
            .collect()
    }

    /// Resolution without creating enums (for operation bodies, which do not define types).
    fn simple_ty(&self, t: &TypeExpr, ns: &str) -> Ty {
        match t {
            TypeExpr::Prim(p) => Ty::Prim(*p),
            TypeExpr::Named(r) => match self.index.by_ref(r, ns) {
                // `[DateTimeOffset](timestamp.md)`: the text names a primitive, the link a page
                // about it; a structured type cannot hold the primitive's values, so the text wins.
                Some(Named::Struct(k)) => match Prim::from_name(&r.name) {
                    Some(p) if p != Prim::Json => Ty::Prim(p),
                    _ => Ty::Struct(k),
                },
                Some(Named::Enum(k)) => Ty::Enum(k),
                None => Ty::Json,
            },
            TypeExpr::Collection(inner) => Ty::Collection(Box::new(self.simple_ty(inner, ns))),
            TypeExpr::Enumeration => Ty::Prim(Prim::String),
            TypeExpr::Union(_) | TypeExpr::Unknown(_) => Ty::Json,
        }
    }

    fn resolve(&mut self) -> BTreeMap<String, TypeDef> {
        debug_assert_eq!(
            self.order.len(),
            self.drafts.len(),
            "a draft made after `register`"
        );
        let keys = self.order.clone();
        let mut out = BTreeMap::new();
        for key in keys {
            // Rows are moved out, each resolved once; the rest of the draft stays, because
            // resolving a union walks the base chains of the drafts.
            let draft = self.drafts.get_mut(&key).expect("key from drafts");
            let rows = std::mem::take(&mut draft.rows);
            let (owner, ns) = (draft.name.clone(), draft.namespace.clone());
            let own = rows
                .into_iter()
                .filter_map(|(name, cands)| self.property(&key, &owner, &ns, name, cands))
                .collect();
            let d = &self.drafts[&key];
            out.insert(
                key.clone(),
                TypeDef {
                    name: owner,
                    namespace: ns,
                    rust_name: String::new(),
                    description: d.description.to_string(),
                    doc_links: self.doc_links(d.links, &d.namespace),
                    base: d.base.clone(),
                    derived: Vec::new(),
                    subtypes: Vec::new(),
                    any_rust_name: None,
                    own,
                    properties: Vec::new(),
                    patch: None,
                    origin: d.origin.clone(),
                },
            );
        }
        let derived: Vec<(String, String)> = out
            .iter()
            .filter_map(|(k, t)| t.base.clone().map(|b| (b, k.clone())))
            .collect();
        for (b, k) in derived {
            if let Some(t) = out.get_mut(&b) {
                t.derived.push(k);
            }
        }
        subtypes(&mut out);
        out
    }

    /// Picks the strongest candidate for one property and resolves its type.
    fn property(
        &mut self,
        key: &str,
        owner: &str,
        ns: &str,
        name: &str,
        mut cands: Vec<Candidate>,
    ) -> Option<Property> {
        let strength = |c: &Candidate| match base_expr(&c.row.ty) {
            TypeExpr::Named(_) => 3,
            TypeExpr::Prim(Prim::String) | TypeExpr::Enumeration => 1,
            TypeExpr::Prim(_) => 2,
            TypeExpr::Union(_) | TypeExpr::Unknown(_) | TypeExpr::Collection(_) => 0,
        };
        let rank = |c: &Candidate| (std::cmp::Reverse(strength(c)), c.source);
        cands.sort_by(|a, b| (rank(a), &a.origin).cmp(&(rank(b), &b.origin)));
        let best = cands.first()?;
        // A conflict that remains: two strong candidates naming different types.
        for other in &cands[1..] {
            if strength(other) >= 2
                && strength(best) >= 2
                && !same_type(&other.row.ty, &best.row.ty)
                && other.source < 2
            {
                self.diags.warn(
                    &other.origin.file,
                    other.origin.pos,
                    Kind::TypeConflict,
                    format!(
                        "`{owner}.{name}` is `{}` here but `{}` at {}:{}: the latter is used",
                        describe(&other.row.ty),
                        describe(&best.row.ty),
                        best.origin.file,
                        best.origin.pos.line
                    ),
                );
                break;
            }
        }
        let values = cands
            .iter()
            .map(|c| &c.row.values)
            .find(|v| !v.is_empty())
            .map_or(&[][..], |v| &v[..]);
        let has_text = |c: &&Candidate| !c.row.description.text.is_empty();
        let described = cands
            .iter()
            .filter(has_text)
            .find(|c| c.source == best.source)
            .or_else(|| cands.iter().find(has_text))
            .map(|c| &c.row.description);
        let description = Arc::from(described.map_or("", |d| d.text.as_str()));
        let doc_links = described
            .map(|d| self.doc_links(&d.links, ns))
            .unwrap_or_default();
        let read_only = cands.iter().any(|c| c.row.read_only && c.source < 2);
        let ty = self.resolve_ty(&best.row.ty, owner, ns, name, values, &best.origin);
        Some(Property {
            name: name.to_string(),
            rust_name: String::new(),
            ty,
            description,
            doc_links,
            read_only,
            relationship: best.relationship,
            declared_by: key.to_string(),
            boxed: false,
            origin: best.origin.clone(),
        })
    }

    fn resolve_ty(
        &mut self,
        t: &TypeExpr,
        owner: &str,
        ns: &str,
        prop: &str,
        values: &[String],
        origin: &Origin,
    ) -> Ty {
        match t {
            TypeExpr::Prim(Prim::String) if !values.is_empty() => {
                let name = format!("{owner}{}", upper_first(prop));
                Ty::Enum(self.synthesize_enum(&name, ns, values, origin, true))
            }
            TypeExpr::Prim(p) => Ty::Prim(*p),
            TypeExpr::Enumeration => {
                if values.is_empty() {
                    self.diags.warn(
                        &origin.file,
                        origin.pos,
                        Kind::UnparsedType,
                        format!(
                            "`{prop}` is an `Enumeration` with no values listed: read as a string"
                        ),
                    );
                    return Ty::Prim(Prim::String);
                }
                let name = format!("{owner}{}", upper_first(prop));
                let key = self.synthesize_enum(&name, ns, values, origin, true);
                // Named after the enum is made: it may have taken another name than `name`.
                let made = self.enums.get(&key).map_or(name, |e| e.name.clone());
                self.diags.warn(
                    &origin.file,
                    origin.pos,
                    Kind::NamedByGenerator,
                    format!(
                        "type `Enumeration` has no name: named `{}` from the property",
                        naming::type_name(&made)
                    ),
                );
                Ty::Enum(key)
            }
            TypeExpr::Collection(inner) => Ty::Collection(Box::new(
                self.resolve_ty(inner, owner, ns, prop, values, origin),
            )),
            TypeExpr::Named(r) => match self.index.by_ref(r, ns) {
                // `[DateTimeOffset](timestamp.md)`: the text names a primitive, the link a page
                // about it; a structured type cannot hold the primitive's values, so the text wins.
                Some(Named::Struct(k)) => match Prim::from_name(&r.name) {
                    Some(p) if p != Prim::Json => Ty::Prim(p),
                    _ => Ty::Struct(k),
                },
                Some(Named::Enum(k)) => {
                    if let Some(e) = self.enums.get_mut(&k) {
                        merge_members(&mut e.members, values.iter().map(String::as_str));
                    }
                    Ty::Enum(k)
                }
                None if !values.is_empty() && crate::parse::types::is_type_name(&r.name) => {
                    let (ens, ename) = match r.name.rsplit_once('.') {
                        Some((q, n)) => (q.to_string(), n.to_string()),
                        None => (ns.to_string(), r.name.clone()),
                    };
                    Ty::Enum(self.synthesize_enum(&ename, &ens, values, origin, false))
                }
                None => {
                    self.diags.warn(
                        &origin.file,
                        origin.pos,
                        Kind::UnresolvedType,
                        format!(
                            "type `{}` of `{owner}.{prop}` is not documented by any page: read as untyped JSON",
                            r.name
                        ),
                    );
                    Ty::Json
                }
            },
            // `[a](a.md) or [b](b.md)` where both derive from one type: that type's `Any…` enum
            // reads either by `@odata.type`.
            TypeExpr::Union(alternatives) => match self.common_base(alternatives, ns) {
                Some(base) => Ty::Struct(base),
                None => self.unparsed(t, owner, prop, origin),
            },
            TypeExpr::Unknown(_) => self.unparsed(t, owner, prop, origin),
        }
    }

    /// A Type cell that is not one type: untyped JSON, and a warning saying so.
    fn unparsed(&mut self, t: &TypeExpr, owner: &str, prop: &str, origin: &Origin) -> Ty {
        self.diags.warn(
            &origin.file,
            origin.pos,
            Kind::UnparsedType,
            format!(
                "type `{}` of `{owner}.{prop}` is not a single type: read as untyped JSON",
                describe(t)
            ),
        );
        Ty::Json
    }

    fn synthesize_enum(
        &mut self,
        name: &str,
        ns: &str,
        values: &[String],
        origin: &Origin,
        by_generator: bool,
    ) -> String {
        let mut key = format!("{ns}.{name}").to_ascii_lowercase();
        // A name made from owner and property may be a documented type's (`thing` + `level`
        // beside a `thingLevel` page): the type keeps its name, the enum takes `...Values`.
        let mut name = name.to_string();
        if by_generator {
            let base = name.clone();
            let mut n = 1;
            while self.drafts.contains_key(&key) {
                name = match n {
                    1 => format!("{base}Values"),
                    n => format!("{base}Values{n}"),
                };
                key = format!("{ns}.{name}").to_ascii_lowercase();
                n += 1;
            }
        }
        let name = name.as_str();
        match self.enums.get_mut(&key) {
            Some(e) => merge_members(&mut e.members, values.iter().map(String::as_str)),
            None => {
                self.index.add_enum(&key, name);
                let mut members = Vec::new();
                merge_members(&mut members, values.iter().map(String::as_str));
                self.enums.insert(
                    key.clone(),
                    EnumDef {
                        name: name.to_string(),
                        namespace: ns.to_string(),
                        rust_name: String::new(),
                        members,
                        named_by_generator: by_generator,
                        origin: origin.clone(),
                    },
                );
            }
        }
        key
    }
}

/// Whether `value` is already one of `members`; `unknownFutureValue` is the same member in any case.
fn is_member(members: &[EnumMember], value: &str) -> bool {
    members.iter().any(|m| {
        m.name == value
            || prose::is_unknown_future_value(&m.name) && prose::is_unknown_future_value(value)
    })
}

fn merge_members<'a>(members: &mut Vec<EnumMember>, values: impl Iterator<Item = &'a str>) {
    for v in values {
        if !is_member(members, v) && !v.is_empty() {
            members.push(EnumMember {
                name: v.to_string(),
                rust_name: String::new(),
                description: String::new(),
            });
        }
    }
}

fn base_expr(t: &TypeExpr) -> &TypeExpr {
    match t {
        TypeExpr::Collection(inner) => base_expr(inner),
        t => t,
    }
}

fn same_type(a: &TypeExpr, b: &TypeExpr) -> bool {
    match (a, b) {
        (TypeExpr::Named(x), TypeExpr::Named(y)) => {
            let simple = |n: &str| n.rsplit('.').next().unwrap_or(n).to_ascii_lowercase();
            simple(&x.name) == simple(&y.name) || x.page.is_some() && x.page == y.page
        }
        (TypeExpr::Collection(x), TypeExpr::Collection(y)) => same_type(x, y),
        (x, y) => x == y,
    }
}

fn describe(t: &TypeExpr) -> String {
    match t {
        TypeExpr::Prim(p) => p.edm_name().to_string(),
        TypeExpr::Named(r) => r.name.clone(),
        TypeExpr::Collection(i) => format!("{} collection", describe(i)),
        TypeExpr::Enumeration => "Enumeration".into(),
        TypeExpr::Union(v) => v.iter().map(describe).collect::<Vec<_>>().join(" or "),
        TypeExpr::Unknown(s) => s.clone(),
    }
}

fn upper_first(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// Every type's transitive subtypes, in key order (a base cycle, already reported, ends the walk).
fn subtypes(types: &mut BTreeMap<String, TypeDef>) {
    let keys: Vec<String> = types.keys().cloned().collect();
    for key in keys {
        let mut found = BTreeSet::new();
        let mut todo = types[&key].derived.clone();
        while let Some(k) = todo.pop() {
            if k != key && found.insert(k.clone()) {
                todo.extend(types.get(&k).map(|t| t.derived.clone()).unwrap_or_default());
            }
        }
        types.get_mut(&key).expect("key from types").subtypes = found.into_iter().collect();
    }
}

/// Inherited properties are copied into each type, root base first.
fn flatten(types: &mut BTreeMap<String, TypeDef>) {
    let keys: Vec<String> = types.keys().cloned().collect();
    for key in keys {
        let mut chain = vec![key.clone()];
        let mut cur = key.clone();
        while let Some(b) = types.get(&cur).and_then(|t| t.base.clone()) {
            if chain.contains(&b) || !types.contains_key(&b) {
                break;
            }
            chain.push(b.clone());
            cur = b;
        }
        let mut seen = FxHashSet::default();
        let mut props = Vec::new();
        for k in chain.iter().rev() {
            for p in &types[k].own {
                if seen.insert(p.name.as_str()) {
                    props.push(p.clone());
                }
            }
        }
        types.get_mut(&key).expect("key from types").properties = props;
    }
}

/// Patch support for every type with a PATCH page: that page's request-body rows minus read-only
/// properties, or every writable property when the page has no table.
fn patches(types: &mut BTreeMap<String, TypeDef>, ops: &[Operation]) {
    let mut by_target: BTreeMap<String, (FxHashSet<String>, Vec<Origin>)> = BTreeMap::new();
    for op in ops.iter().filter(|o| o.method == "PATCH") {
        let Some(t) = &op.target else { continue };
        let Some(def) = types.get(t) else { continue };
        let entry = by_target.entry(t.clone()).or_default();
        entry.1.push(op.origin.clone());
        let writable = |p: &Property| !p.read_only;
        if op.request_body.is_empty() {
            entry.0.extend(
                def.properties
                    .iter()
                    .filter(|p| writable(p))
                    .map(|p| p.name.clone()),
            );
        } else {
            for row in &op.request_body {
                if let Some(p) = def.properties.iter().find(|p| p.name == row.name) {
                    if writable(p) {
                        entry.0.insert(p.name.clone());
                    }
                }
            }
        }
    }
    for (key, (names, origins)) in by_target {
        let def = types.get_mut(&key).expect("target exists");
        let fields = def
            .properties
            .iter()
            .filter(|p| names.contains(&p.name))
            .map(|p| p.name.clone())
            .collect();
        def.patch = Some(PatchDef {
            fields,
            rust_name: String::new(),
            origins,
        });
    }
}

/// Marks struct-valued properties that close a cycle (through non-collection edges) as boxed.
/// A polymorphic type is held through its enum, which boxes every variant: no edge.
fn boxing(types: &mut BTreeMap<String, TypeDef>) {
    let keys: Vec<String> = types.keys().cloned().collect();
    let idx: FxHashMap<&str, usize> = keys
        .iter()
        .enumerate()
        .map(|(i, k)| (k.as_str(), i))
        .collect();
    let poly: BTreeSet<String> = types
        .iter()
        .filter(|(_, t)| !t.subtypes.is_empty())
        .map(|(k, _)| k.clone())
        .collect();
    let polymorphic = |k: &str| poly.contains(k);
    let edges: Vec<Vec<usize>> = keys
        .iter()
        .map(|k| {
            types[k]
                .properties
                .iter()
                .filter_map(|p| match &p.ty {
                    Ty::Struct(t) if !polymorphic(t) => idx.get(t.as_str()).copied(),
                    _ => None,
                })
                .collect()
        })
        .collect();
    let scc = tarjan(&edges);
    for (i, k) in keys.iter().enumerate() {
        let t = types.get_mut(k).expect("key from types");
        for p in &mut t.properties {
            if let Ty::Struct(target) = &p.ty {
                if let Some(&j) = idx.get(target.as_str()) {
                    p.boxed = scc[i] == scc[j] && !polymorphic(target);
                }
            }
        }
    }
}

/// Strongly connected component id of every node (iterative Tarjan, so deep graphs cannot overflow).
fn tarjan(edges: &[Vec<usize>]) -> Vec<usize> {
    let n = edges.len();
    let mut index = vec![usize::MAX; n];
    let mut low = vec![0; n];
    let mut on_stack = vec![false; n];
    let mut comp = vec![usize::MAX; n];
    let mut stack = Vec::new();
    let mut next = 0;
    let mut comps = 0;
    for root in 0..n {
        if index[root] != usize::MAX {
            continue;
        }
        let mut work: Vec<(usize, usize)> = vec![(root, 0)];
        while let Some(&mut (v, ref mut ei)) = work.last_mut() {
            if *ei == 0 && index[v] == usize::MAX {
                index[v] = next;
                low[v] = next;
                next += 1;
                stack.push(v);
                on_stack[v] = true;
            }
            if let Some(&w) = edges[v].get(*ei) {
                *ei += 1;
                if index[w] == usize::MAX {
                    work.push((w, 0));
                } else if on_stack[w] {
                    low[v] = low[v].min(index[w]);
                }
                continue;
            }
            work.pop();
            if let Some(&(parent, _)) = work.last() {
                low[parent] = low[parent].min(low[v]);
            }
            if low[v] == index[v] {
                while let Some(w) = stack.pop() {
                    on_stack[w] = false;
                    comp[w] = comps;
                    if w == v {
                        break;
                    }
                }
                comps += 1;
            }
        }
    }
    comp
}

/// Rust names for types, enums, patches, fields and variants; deterministic whatever the input order.
fn name_everything(types: &mut BTreeMap<String, TypeDef>, enums: &mut BTreeMap<String, EnumDef>) {
    // Default-namespace names first, so `microsoft.graph.x` keeps `X` and others get a prefix.
    let mut entries: Vec<(bool, String, bool)> = types
        .iter()
        .map(|(k, t)| {
            (
                t.namespace.to_ascii_lowercase() != DEFAULT_NS,
                k.clone(),
                true,
            )
        })
        .chain(enums.iter().map(|(k, e)| {
            (
                e.namespace.to_ascii_lowercase() != DEFAULT_NS,
                k.clone(),
                false,
            )
        }))
        .collect();
    entries.sort();
    let mut taken: BTreeSet<String> = BTreeSet::new();
    let assign = |simple: &str, ns: &str, taken: &mut BTreeSet<String>| {
        let plain = naming::type_name(simple);
        if taken.insert(plain.clone()) {
            return plain;
        }
        let last_ns = ns.rsplit('.').next().unwrap_or(ns);
        naming::claim(naming::type_name(&format!("{last_ns} {simple}")), taken, "")
    };
    for (_, key, is_struct) in &entries {
        if *is_struct {
            let t = types.get_mut(key).expect("key from types");
            t.rust_name = assign(&t.name, &t.namespace, &mut taken);
        } else {
            let e = enums.get_mut(key).expect("key from enums");
            e.rust_name = assign(&e.name, &e.namespace, &mut taken);
        }
    }
    for t in types.values_mut() {
        if let Some(p) = t.patch.as_mut() {
            let name = naming::claim(naming::patch_name(&t.rust_name), &mut taken, "");
            p.rust_name = name;
        }
    }
    for t in types.values_mut() {
        if !t.subtypes.is_empty() {
            t.any_rust_name = Some(naming::claim(
                naming::any_name(&t.rust_name),
                &mut taken,
                "",
            ));
        }
    }
    // Field names repeat across types (`id`, `createdDateTime`): convert each wire name once.
    let mut field_names: FxHashMap<String, String> = FxHashMap::default();
    for t in types.values_mut() {
        // Only the flattened list becomes fields; `own` keeps no Rust names.
        let names = naming::dedupe(
            t.properties
                .iter()
                .map(|p| match field_names.get(p.name.as_str()) {
                    Some(n) => n.clone(),
                    None => {
                        let n = naming::field_name(&p.name);
                        field_names.insert(p.name.clone(), n.clone());
                        n
                    }
                })
                .collect(),
            &["additional_data"],
        );
        for (p, n) in t.properties.iter_mut().zip(names) {
            p.rust_name = n;
        }
    }
    for e in enums.values_mut() {
        let names = naming::dedupe_camel(
            e.members
                .iter()
                .map(|m| naming::variant_name(&m.name))
                .collect(),
            &["Other"],
        );
        for (m, n) in e.members.iter_mut().zip(names) {
            m.rust_name = n;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn an_enum_named_from_its_property_leaves_a_documented_type_its_name() {
        let page = |name: &str, rows: &str| {
            crate::Source::new(
                format!("resources/{name}.md"),
                format!(
                    "---\ndoc_type: resourcePageType\n---\n# {name} resource type\n\n## Properties\n\
                     |Property|Type|Description|\n|:---|:---|:---|\n{rows}"
                ),
            )
        };
        // `thing` with these rows, beside a documented `thingLevel`.
        let model_of = |thing_rows: &str| {
            let sources = [
                page("thing", thing_rows),
                page("thingLevel", "|depth|Int32|x|\n"),
            ];
            crate::build_model(&crate::parse_pages(&sources).0)
        };
        let (model, _) = model_of(
            "|level|String|Possible values are: `a`, `b`.|\n|other|[thingLevel](thinglevel.md)|x|\n",
        );
        let thing = &model.types["microsoft.graph.thing"];
        let ty = |name: &str| &thing.properties.iter().find(|p| p.name == name).unwrap().ty;
        assert_eq!(
            *ty("other"),
            Ty::Struct("microsoft.graph.thinglevel".into())
        );
        assert_eq!(
            *ty("level"),
            Ty::Enum("microsoft.graph.thinglevelvalues".into())
        );
        assert_eq!(
            model.types["microsoft.graph.thinglevel"].rust_name,
            "ThingLevel"
        );
        assert_eq!(
            model.enums["microsoft.graph.thinglevelvalues"].rust_name,
            "ThingLevelValues"
        );
        // The warning for an `Enumeration` names the enum as made.
        let (_, diags) = model_of("|level|Enumeration|Possible values are: `a`, `b`.|\n");
        let named: Vec<&str> = diags
            .iter()
            .filter(|d| d.kind == Kind::NamedByGenerator)
            .map(|d| d.message.as_str())
            .collect();
        assert_eq!(
            named,
            ["type `Enumeration` has no name: named `ThingLevelValues` from the property"]
        );
    }

    #[test]
    fn tarjan_finds_cycles() {
        // 0 -> 1 -> 2 -> 0, 3 -> 3, 4 alone
        let edges = vec![vec![1], vec![2], vec![0], vec![3], vec![]];
        let c = tarjan(&edges);
        assert_eq!(c[0], c[1]);
        assert_eq!(c[1], c[2]);
        assert_ne!(c[0], c[3]);
        assert_ne!(c[3], c[4]);
    }
}
