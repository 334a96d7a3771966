//! Quick-check item analysis across a team's sessions. Sessions ask
//! different questions, so the design is sparse: a quick check counts only
//! for the sessions that asked its question. A quick check left unanswered
//! counts as not presented (a live interviewer may never have revealed it),
//! so difficulty is the share correct among the candidates who answered.

use std::collections::{BTreeMap, HashMap};

use mockroom_api::{CalibrationQuery, ItemRow, OptionShare};
use mockroom_stats::items::{analyze_quick_check_sparse, Response};
use mockroom_stats::QuickCheckItem;
use uuid::Uuid;

use super::dataset::Dataset;

pub fn item_rows(data: &Dataset, query: &CalibrationQuery) -> Vec<ItemRow> {
    // The quick checks under the filters, in pack and question order.
    let mut keys: Vec<(String, i64, Uuid, usize)> = data
        .questions
        .values()
        .filter(|q| query.pack.is_none_or(|p| q.summary.pack_id == p))
        .filter(|q| query.question.is_none_or(|id| q.summary.id == id))
        .flat_map(|q| {
            (0..q.quick_checks.len()).map(|c| (q.summary.pack_title.clone(), q.summary.number, q.summary.id, c))
        })
        .collect();
    keys.sort();
    let items: Vec<(Uuid, usize)> = keys.iter().map(|(_, _, q, c)| (*q, *c)).collect();
    if items.is_empty() {
        return Vec::new();
    }
    let mut asked: BTreeMap<Uuid, Vec<Uuid>> = BTreeMap::new();
    for (session, question) in &data.asked {
        asked.entry(*session).or_default().push(*question);
    }
    let answered: HashMap<(Uuid, Uuid, usize), usize> = data
        .answers
        .iter()
        .filter(|a| query.from.is_none_or(|from| a.at >= from) && query.to.is_none_or(|to| a.at < to))
        .map(|a| ((a.session, a.question_id, a.check), a.option))
        .collect();
    let attempts: Vec<Vec<Response>> = asked
        .keys()
        .map(|session| {
            items
                .iter()
                .map(|(q, c)| match answered.get(&(*session, *q, *c)) {
                    Some(option) => Response::Chosen(*option),
                    None => Response::NotPresented,
                })
                .collect::<Vec<_>>()
        })
        .filter(|responses: &Vec<Response>| responses.iter().any(|r| *r != Response::NotPresented))
        .collect();
    let specs: Vec<QuickCheckItem> = items
        .iter()
        .map(|(q, c)| {
            let (options, correct) = data
                .questions
                .get(q)
                .and_then(|info| info.quick_checks.get(*c))
                .map_or((2, 0), |(options, correct)| (options.len().max(2), *correct));
            QuickCheckItem { options, correct }
        })
        .collect();
    let Ok(analysis) = analyze_quick_check_sparse(&specs, &attempts) else {
        // Only inconsistent input (an option index beyond the options) lands
        // here; the stored answers were validated by the room.
        return Vec::new();
    };
    items
        .iter()
        .zip(analysis.items)
        .map(|((q, c), item)| {
            let info = data.questions.get(q);
            let texts = info
                .and_then(|i| i.quick_checks.get(*c))
                .map(|(o, _)| o.clone())
                .unwrap_or_default();
            let correct = info.and_then(|i| i.quick_checks.get(*c)).map_or(0, |(_, k)| *k);
            let mut row = ItemRow {
                question_id: *q,
                question: info.map(|i| i.summary.title.clone()).unwrap_or_default(),
                check: *c,
                attempts: item.presented,
                difficulty: None,
                point_biserial: None,
                discrimination: None,
                options: Vec::new(),
                flags: Vec::new(),
                not_enough_data: None,
            };
            match item.analysis {
                Ok(a) => {
                    row.difficulty = Some(a.difficulty);
                    row.point_biserial = a.point_biserial;
                    row.discrimination = Some(a.discrimination_index);
                    row.options = a
                        .option_shares
                        .iter()
                        .enumerate()
                        .map(|(option, share)| OptionShare {
                            option,
                            text: texts.get(option).cloned().unwrap_or_default(),
                            correct: option == correct,
                            share: *share,
                        })
                        .collect();
                    let f = a.flags;
                    for (on, name) in [
                        (f.too_easy, "too_easy"),
                        (f.too_hard, "too_hard"),
                        (f.weak_discrimination, "weak_discrimination"),
                        (f.unused_distractor, "unused_distractor"),
                    ] {
                        if on {
                            row.flags.push(name.to_owned());
                        }
                    }
                }
                Err(why) => row.not_enough_data = Some(why.to_string()),
            }
            row
        })
        .collect()
}
