//! The calibration dashboard's figures, from a [`Dataset`] and the filters.
//! Pure: the statistics come from `mockroom-stats`, which is checked against
//! published reference values; this module decides what is an item, who is
//! a rater, and which scores pass the filters.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use mockroom_api::{
    Agreement, CalibrationFilters, CalibrationQuery, CalibrationReport, Choice, Distribution, DistributionRow,
    KappaPair, LeniencyRow, Sample, Statistic,
};
use mockroom_stats::distribution::Histograms;
use mockroom_stats::{
    all_pairs_kappa, icc, leniency, ordinal_alpha, BootstrapConfig, Estimate, InputError, LeniencyConfig,
    NotEnoughData, Rating, Ratings,
};
use uuid::Uuid;

use super::dataset::{Dataset, RatingRow};
use super::items::item_rows;

/// The ratings that pass the filters.
pub fn filtered<'a>(data: &'a Dataset, query: &CalibrationQuery) -> Vec<&'a RatingRow> {
    data.ratings
        .iter()
        .filter(|r| {
            let q = data.questions.get(&r.question_id);
            query.pack.is_none_or(|p| q.is_some_and(|q| q.summary.pack_id == p))
                && query.question.is_none_or(|id| r.question_id == id)
                && query.dimension.as_deref().is_none_or(|d| {
                    q.and_then(|q| q.dimensions.get(r.dimension))
                        .is_some_and(|(name, _)| name == d)
                })
                && query.interviewer.is_none_or(|id| r.interviewer_id == id)
                && query.from.is_none_or(|from| r.at >= from)
                && query.to.is_none_or(|to| r.at < to)
        })
        .collect()
}

fn statistic(outcome: &Result<Estimate, NotEnoughData>) -> Statistic {
    match outcome {
        Ok(e) => Statistic {
            value: Some(e.value),
            ci_low: e.ci.as_ref().map(|c| c.lower),
            ci_high: e.ci.as_ref().map(|c| c.upper),
            items: e.items,
            ratings: e.ratings,
            not_enough_data: None,
        },
        Err(why) => Statistic {
            value: None,
            ci_low: None,
            ci_high: None,
            items: 0,
            ratings: 0,
            not_enough_data: Some(why.to_string()),
        },
    }
}

/// Dense ids for the statistics crate.
struct Index<K: Ord + Clone> {
    ids: BTreeMap<K, u32>,
    keys: Vec<K>,
}

impl<K: Ord + Clone> Index<K> {
    fn new() -> Self {
        Index {
            ids: BTreeMap::new(),
            keys: Vec::new(),
        }
    }

    fn id(&mut self, key: K) -> u32 {
        if let Some(id) = self.ids.get(&key) {
            return *id;
        }
        let id = u32::try_from(self.keys.len()).unwrap_or(u32::MAX);
        self.ids.insert(key.clone(), id);
        self.keys.push(key);
        id
    }

    fn key(&self, id: u32) -> Option<&K> {
        self.keys.get(id as usize)
    }
}

fn distribution<K>(h: Histograms<K>, label: impl Fn(&K) -> String) -> Distribution {
    Distribution {
        scores: h.scores,
        rows: h
            .rows
            .into_iter()
            .map(|r| DistributionRow {
                label: label(&r.key),
                counts: r.counts,
                total: r.total,
            })
            .collect(),
    }
}

fn filter_choices(data: &Dataset) -> CalibrationFilters {
    let mut packs = BTreeMap::new();
    let mut questions = BTreeMap::new();
    let mut dimensions = BTreeSet::new();
    for q in data.questions.values() {
        packs.insert(q.summary.pack_title.clone(), q.summary.pack_id);
        questions.insert(
            (q.summary.pack_title.clone(), q.summary.number, q.summary.id),
            q.summary.title.clone(),
        );
        dimensions.extend(q.dimensions.iter().map(|(name, _)| name.clone()));
    }
    let mut interviewers: BTreeMap<Uuid, String> = BTreeMap::new();
    for r in &data.ratings {
        interviewers.insert(r.interviewer_id, r.interviewer.clone());
    }
    let mut interviewers: Vec<Choice> = interviewers
        .into_iter()
        .map(|(id, label)| Choice {
            id: id.to_string(),
            label,
        })
        .collect();
    interviewers.sort_by(|a, b| a.label.cmp(&b.label));
    CalibrationFilters {
        packs: packs
            .into_iter()
            .map(|(label, id)| Choice {
                id: id.to_string(),
                label,
            })
            .collect(),
        questions: questions
            .into_iter()
            .map(|((_, _, id), label)| Choice {
                id: id.to_string(),
                label,
            })
            .collect(),
        dimensions: dimensions.into_iter().collect(),
        interviewers,
    }
}

pub fn minimums() -> Vec<String> {
    use mockroom_stats::{alpha, icc as icc_mod, items, kappa, leniency as len};
    vec![
        format!(
            "Krippendorff's alpha: {} items with two or more scores",
            alpha::MIN_PAIRABLE_ITEMS
        ),
        format!(
            "ICC: {} items scored by the same {} or more interviewers",
            icc_mod::MIN_ITEMS,
            icc_mod::MIN_RATERS
        ),
        format!("Kappa: {} items scored by both interviewers", kappa::MIN_SHARED_ITEMS),
        format!(
            "Leniency: {} scores on items someone else also scored",
            len::MIN_RATINGS
        ),
        format!(
            "Quick-check item analysis: {} attempts shown the quick check",
            items::MIN_ATTEMPTS
        ),
    ]
}

/// Every figure of the dashboard.
pub fn report(
    data: &Dataset,
    query: &CalibrationQuery,
    config: &BootstrapConfig,
) -> Result<CalibrationReport, InputError> {
    let rows = filtered(data, query);
    let mut items: Index<(Uuid, Uuid, usize)> = Index::new();
    let mut raters: Index<Uuid> = Index::new();
    let mut names: HashMap<Uuid, String> = HashMap::new();
    let ratings: Vec<Rating> = rows
        .iter()
        .map(|r| {
            names.insert(r.interviewer_id, r.interviewer.clone());
            Rating {
                item: items.id((r.performance, r.question_id, r.dimension)),
                rater: raters.id(r.interviewer_id),
                score: i32::from(r.level),
            }
        })
        .collect();
    // The dataset keeps one score per (performance, interviewer, question,
    // dimension), so a duplicate here is a bug, reported as such.
    let data_set = Ratings::new(&ratings)?;
    let name_of = |rater: u32| {
        raters
            .key(rater)
            .and_then(|id| names.get(id))
            .cloned()
            .unwrap_or_default()
    };

    let alpha = statistic(&ordinal_alpha(&data_set, config));
    let (icc_single, icc_average, icc_block) = match icc(&data_set, config) {
        Ok(i) => (
            statistic(&Ok(i.single.clone())),
            statistic(&Ok(i.average.clone())),
            Some(format!("{} interviewers × {} items", i.raters.len(), i.items.len())),
        ),
        Err(why) => (statistic(&Err(why.clone())), statistic(&Err(why)), None),
    };
    let kappa_pairs = all_pairs_kappa(&data_set, config)
        .into_iter()
        .map(|p| KappaPair {
            a: name_of(p.rater_a),
            b: name_of(p.rater_b),
            kappa: statistic(&p.outcome),
        })
        .collect();
    let leniency = leniency(&data_set, &LeniencyConfig::default())
        .into_iter()
        .map(|l| {
            let interviewer_id = raters.key(l.rater).copied().unwrap_or_default();
            match l.outcome {
                Ok(x) => LeniencyRow {
                    interviewer_id,
                    interviewer: name_of(l.rater),
                    ratings: x.ratings,
                    mean_deviation: Some(x.mean_deviation),
                    ci_low: Some(x.ci.lower),
                    ci_high: Some(x.ci.upper),
                    outlier: x.outlier,
                    not_enough_data: None,
                },
                Err(why) => LeniencyRow {
                    interviewer_id,
                    interviewer: name_of(l.rater),
                    ratings: 0,
                    mean_deviation: None,
                    ci_low: None,
                    ci_high: None,
                    outlier: false,
                    not_enough_data: Some(why.to_string()),
                },
            }
        })
        .collect();
    let by_interviewer = distribution(mockroom_stats::distribution::by_rater(&data_set), |r| name_of(*r));
    let question_title = |item: u32| {
        items
            .key(item)
            .and_then(|(_, q, _)| data.questions.get(q))
            .map(|q| q.summary.title.clone())
            .unwrap_or_default()
    };
    let by_question = distribution(
        mockroom_stats::distribution::by_item_group(&data_set, question_title),
        String::clone,
    );
    let sessions: BTreeSet<Uuid> = rows.iter().map(|r| r.performance).collect();
    Ok(CalibrationReport {
        sample: Sample {
            ratings: ratings.len(),
            items: items.keys.len(),
            interviewers: raters.keys.len(),
            sessions: sessions.len(),
        },
        agreement: Agreement {
            alpha,
            icc_single,
            icc_average,
            icc_block,
            kappa_pairs,
        },
        leniency,
        by_interviewer,
        by_question,
        items: item_rows(data, query),
        filters: filter_choices(data),
        minimums: minimums(),
    })
}
