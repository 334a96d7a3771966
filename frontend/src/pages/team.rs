//! A team: its members and roles, invites, and settings.

use leptos::prelude::*;
use mockroom_api::{CreateInviteRequest, Invite, InviteStatus, Member, Role, Team, UpdateTeamRequest};
use uuid::Uuid;

use crate::api::{self, ApiResult};
use crate::components::{keyed, ConfirmDialog, ErrorMessage, Field, Loaded};
use crate::reactive::{effect, Derived, State};
use crate::remote::{Load, Mutation};
use crate::session::use_session;
use crate::team_route::{role_in, team_param};

/// What the page shows: the team, and its members and invites for those
/// allowed to see them (empty otherwise).
#[derive(Clone)]
struct TeamData {
    team: Team,
    members: Vec<Member>,
    invites: Vec<Invite>,
}

async fn load(id: Uuid, role: Role) -> ApiResult<TeamData> {
    let team = api::team(id).await?;
    let members = if role.can_view_members() {
        api::members(id).await?
    } else {
        Vec::new()
    };
    let invites = if role.can_manage_members() {
        api::invites(id).await?
    } else {
        Vec::new()
    };
    Ok(TeamData { team, members, invites })
}

/// Everything the page can change. One action runs them all, so the page has
/// one place that shows what went wrong and one reload after a change.
#[derive(Clone)]
enum Change {
    Role(Uuid, Role),
    Remove(Uuid),
    /// The signed-in member removing themself.
    Leave(Uuid),
    Invite(CreateInviteRequest),
    Revoke(Uuid),
    Settings(UpdateTeamRequest),
}

/// What a change leads to.
#[derive(Clone)]
enum Outcome {
    Changed,
    /// The link to share.
    Invited(String),
    /// No longer a member: the page has nothing left to show.
    Left,
}

impl Change {
    async fn apply(self, team: Uuid) -> ApiResult<Outcome> {
        match self {
            Change::Role(user, role) => api::change_role(team, user, role).await.map(|_| Outcome::Changed),
            Change::Remove(user) => api::remove_member(team, user).await.map(|()| Outcome::Changed),
            Change::Leave(me) => api::remove_member(team, me).await.map(|()| Outcome::Left),
            Change::Invite(req) => api::create_invite(team, &req).await.map(|c| Outcome::Invited(c.url)),
            Change::Revoke(invite) => api::revoke_invite(team, invite).await.map(|()| Outcome::Changed),
            Change::Settings(req) => api::update_team(team, &req).await.map(|_| Outcome::Changed),
        }
    }
}

/// Dispatches a change to the team the page shows.
type Changes = Mutation<(Uuid, Change), ApiResult<Outcome>>;

#[component]
pub fn TeamPage() -> impl IntoView {
    let team_id = team_param();
    let session = use_session();
    let my_role = role_in(team_id);

    let changes: Changes = Mutation::new(|(team, change): (Uuid, Change)| change.apply(team));
    // Only a new team or role reloads, not every refresh of the session.
    let target = Derived::new(move || team_id().zip(my_role()));
    // Reloaded after every change, successful or not: a refused change may
    // mean someone else changed the team meanwhile.
    let data = Load::new(move || {
        changes.track_runs();
        let target = target.get();
        async move {
            match target {
                Some((id, role)) => load(id, role).await.map(Some),
                None => Ok(None),
            }
        }
    });
    // A renamed team shows its new name in the navigation too; someone who
    // left the team goes home (the team's page would only say it is not
    // theirs).
    let navigate = leptos_router::hooks::use_navigate();
    effect(move || match changes.value() {
        Some(Ok(Outcome::Left)) => {
            session.refresh();
            navigate("/", Default::default());
        }
        Some(Ok(_)) => session.refresh(),
        _ => {}
    });
    let error = Derived::new(move || changes.value().and_then(Result::err).map(|e| e.message));
    let loaded = move || data.get().and_then(Result::ok).flatten();
    let members = Derived::uncompared(move || loaded().map(|d| d.members).unwrap_or_default());
    let invites = Derived::uncompared(move || loaded().map(|d| d.invites).unwrap_or_default());
    // Compared: a reload after another change (an invite, a member removed)
    // must not overwrite a new name being typed in the settings.
    let team = Derived::new(move || loaded().map(|d| d.team));

    // The page is drawn again only when who may see what changes: the session
    // refreshed after every change (to rename the team in the navigation)
    // would otherwise redraw it all, and a new name being typed was lost.
    let gate = Derived::new(move || (session.loaded.get(), team_id(), my_role()));
    view! {
        {move || match gate.get() {
            (false, _, _) => view! { <p class="muted">"Loading…"</p> }.into_any(),
            (true, Some(id), Some(role)) => view! {
                <section class="card">
                    <h1>{move || team.get().map(|t| t.name).unwrap_or_default()}</h1>
                    <p class="muted">"Your role: " <span class="badge">{role.as_str()}</span></p>
                    <ErrorMessage error=error/>
                    <Loaded>{move || data.get().map(|d| d.map(|_| ()))}</Loaded>
                </section>
                {role.can_view_members().then(|| view! {
                    <MembersTable team_id=id my_role=role members=members changes=changes/>
                })}
                {role.can_manage_members().then(|| view! {
                    <InvitesSection team_id=id my_role=role invites=invites changes=changes/>
                })}
                {(role == Role::Owner).then(|| view! { <SettingsSection team_id=id team=team changes=changes/> })}
            }.into_any(),
            (true, _, _) => view! {
                <section class="card narrow">
                    <h1>"Team not found"</h1>
                    <p>"This team does not exist, or you are not a member."</p>
                </section>
            }.into_any(),
        }}
    }
}

#[component]
fn MembersTable(team_id: Uuid, my_role: Role, members: Derived<Vec<Member>>, changes: Changes) -> impl IntoView {
    let session = use_session();
    let me = move || session.me.with(|m| m.as_ref().map(|m| m.user.id));
    // Removing someone, or leaving, asks first: the member to remove, by id
    // and name, while the dialog is open.
    let removing = State::new(None::<(Uuid, String)>);
    let (ask_remove, ask_leave) = (RwSignal::new(false), RwSignal::new(false));
    let remove = move |()| {
        if let Some((user, _)) = removing.get_untracked() {
            changes.dispatch((team_id, Change::Remove(user)));
        }
    };
    let leave = move |()| {
        if let Some(user) = session.me.with_untracked(|m| m.as_ref().map(|m| m.user.id)) {
            changes.dispatch((team_id, Change::Leave(user)));
        }
    };
    let removed_name = move || removing.with(|r| r.as_ref().map(|(_, name)| name.clone()).unwrap_or_default());
    view! {
        <ConfirmDialog open=ask_remove id="confirm-remove" title="Remove this member?" confirm="Remove from the team" on_confirm=remove>
            <p>{move || format!("{} loses access to this team at once, and can come back only with a new invite.", removed_name())}</p>
            <p>"The sessions they ran and the scores they gave stay in the team's records."</p>
        </ConfirmDialog>
        <ConfirmDialog open=ask_leave id="confirm-leave" title="Leave this team?" confirm="Leave the team" on_confirm=leave>
            <p>"You lose access to this team's sessions, questions and calibration at once; to come back you need a new invite."</p>
        </ConfirmDialog>
        <section class="card">
            <h2>"Members"</h2>
            <table data-testid="members">
                <thead><tr><th scope="col">"Name"</th><th scope="col">"E-mail"</th><th scope="col">"Role"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    {keyed(move || members.get(), |m| (m.user_id.as_u128(), m.role as u32), move |member| view! {
                        {
                            let user_id = member.user_id;
                            let editable = my_role.can_manage_members()
                                && (my_role == Role::Owner || member.role != Role::Owner);
                            let select_id = format!("role-{user_id}");
                            let is_me = me() == Some(user_id);
                            view! {
                                <tr>
                                    <td>{member.display_name.clone()}</td>
                                    <td>{member.email.clone()}</td>
                                    <td>
                                        {if editable {
                                            view! {
                                                <label class="visually-hidden" for=select_id.clone()>{format!("Role of {}", member.display_name)}</label>
                                                <select id=select_id on:change=move |ev| {
                                                    if let Some(role) = Role::parse(&event_target_value(&ev)) {
                                                        changes.dispatch((team_id, Change::Role(user_id, role)));
                                                    }
                                                }>
                                                    {Role::ALL.into_iter()
                                                        .filter(|r| my_role == Role::Owner || *r != Role::Owner)
                                                        .map(|r| view! { <option value=r.as_str() selected=r == member.role>{r.as_str()}</option> })
                                                        .collect_view()}
                                                </select>
                                            }.into_any()
                                        } else {
                                            view! { <span class="badge">{member.role.as_str()}</span> }.into_any()
                                        }}
                                    </td>
                                    <td>
                                        {(editable || is_me).then(|| view! {
                                            <button type="button" class="secondary" on:click={
                                                let name = member.display_name.clone();
                                                move |_| {
                                                    if is_me {
                                                        ask_leave.set(true);
                                                    } else {
                                                        removing.set(Some((user_id, name.clone())));
                                                        ask_remove.set(true);
                                                    }
                                                }
                                            }>{if is_me { "Leave team" } else { "Remove" }}</button>
                                        })}
                                    </td>
                                </tr>
                            }
                        }
                    }.into_any())}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn InvitesSection(team_id: Uuid, my_role: Role, invites: Derived<Vec<Invite>>, changes: Changes) -> impl IntoView {
    let role = State::new(Role::Interviewer);
    let email = RwSignal::new(String::new());
    // The link of the invite just created: shown once, until the next change.
    let link = Derived::new(move || match changes.value() {
        Some(Ok(Outcome::Invited(url))) => Some(url),
        _ => None,
    });
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = CreateInviteRequest {
            role: role.get_untracked(),
            email: Some(email.get_untracked()).filter(|e| !e.trim().is_empty()),
            expires_in_hours: None,
        };
        changes.dispatch((team_id, Change::Invite(req)));
    };
    view! {
        <section class="card">
            <h2>"Invite someone"</h2>
            <form on:submit=submit class="inline">
                <div class="field">
                    <label for="invite-role">"Role"</label>
                    <select id="invite-role" on:change=move |ev| {
                        if let Some(r) = Role::parse(&event_target_value(&ev)) { role.set(r) }
                    }>
                        {Role::ALL.into_iter()
                            .filter(|r| my_role == Role::Owner || *r != Role::Owner)
                            .map(|r| view! { <option value=r.as_str() selected=r == Role::Interviewer>{r.as_str()}</option> })
                            .collect_view()}
                    </select>
                </div>
                <Field id="invite-email" label="Only for this e-mail (optional)" value=email kind="email" required=false/>
                <button type="submit">"Create invite link"</button>
            </form>
            {move || link.get().map(|url| view! {
                <p class="notice" role="status">"Share this link (shown once): " <code data-testid="invite-link">{url}</code></p>
            })}
            <h3>"Invites"</h3>
            <table>
                <thead><tr><th scope="col">"Role"</th><th scope="col">"For"</th><th scope="col">"Expires"</th><th scope="col">"Status"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    {keyed(move || invites.get(), |i| (i.id.as_u128(), i.status as u32), move |invite| view! {
                        {
                            let invite_id = invite.id;
                            let status = match invite.status {
                                InviteStatus::Pending => "pending",
                                InviteStatus::Used => "used",
                                InviteStatus::Revoked => "revoked",
                                InviteStatus::Expired => "expired",
                            };
                            view! {
                                <tr>
                                    <td>{invite.role.as_str()}</td>
                                    <td>{invite.email.clone().unwrap_or_else(|| "anyone with the link".into())}</td>
                                    <td>{format!("{} UTC", crate::text::date_minutes(&invite.expires_at))}</td>
                                    <td>{status}</td>
                                    <td>{(invite.status == InviteStatus::Pending).then(|| view! {
                                        <button type="button" class="secondary" on:click=move |_| {
                                            changes.dispatch((team_id, Change::Revoke(invite_id)));
                                        }>"Revoke"</button>
                                    })}</td>
                                </tr>
                            }
                        }
                    }.into_any())}
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn SettingsSection(team_id: Uuid, team: Derived<Option<Team>>, changes: Changes) -> impl IntoView {
    let name = RwSignal::new(String::new());
    effect(move || {
        if let Some(t) = team.get() {
            name.set(t.name);
        }
    });
    let open = move || team.with(|t| t.as_ref().is_some_and(|t| t.open_registration));
    let save = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = UpdateTeamRequest {
            name: Some(name.get_untracked()),
            open_registration: None,
        };
        changes.dispatch((team_id, Change::Settings(req)));
    };
    let toggle = move |_| {
        let req = UpdateTeamRequest {
            name: None,
            open_registration: Some(!open()),
        };
        changes.dispatch((team_id, Change::Settings(req)));
    };
    view! {
        <section class="card">
            <h2>"Team settings"</h2>
            <form on:submit=save class="inline">
                <Field id="team-name" label="Team name" value=name/>
                <button type="submit">"Rename"</button>
            </form>
            <p>
                {move || if open() {
                    "Registration is open: anyone can join this team as a candidate."
                } else {
                    "Registration is by invitation only."
                }}
                " "
                <button type="button" class="secondary" on:click=toggle>
                    {move || if open() { "Close registration" } else { "Open registration" }}
                </button>
            </p>
        </section>
    }
}
