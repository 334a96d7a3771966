//! The team a `/teams/:team_id/…` page is about, and the signed-in user's
//! place in it: what the team pages ask before they load anything.

use leptos::prelude::*;
use leptos_router::hooks::use_params_map;
use mockroom_api::Role;
use uuid::Uuid;

use crate::session::use_session;

/// The `:team_id` of the current route, if it is a well-formed id.
pub fn team_param() -> impl Fn() -> Option<Uuid> + Copy {
    let params = use_params_map();
    move || {
        params
            .with(|p| p.get("team_id"))
            .and_then(|id| Uuid::parse_str(&id).ok())
    }
}

/// The signed-in user's role in the team of the current route.
pub fn role_in(team: impl Fn() -> Option<Uuid> + Copy + 'static) -> impl Fn() -> Option<Role> + Copy {
    let session = use_session();
    move || {
        let id = team()?;
        session.me.with(|me| {
            me.as_ref()?
                .memberships
                .iter()
                .find(|m| m.team.id == id)
                .map(|m| m.role)
        })
    }
}

/// The team, once the session shows the user interviews in it: pages load
/// interviewers' data only for them (a candidate is told the page is not for
/// them, and nothing is requested while the session is still loading).
pub fn interviewer_team(team: impl Fn() -> Option<Uuid> + Copy + 'static) -> impl Fn() -> Option<Uuid> + Copy {
    let role = role_in(team);
    move || match (team(), role()) {
        (Some(id), Some(r)) if r != Role::Candidate => Some(id),
        _ => None,
    }
}
