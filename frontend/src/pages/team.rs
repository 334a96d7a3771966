//! A team: its members and roles, invites, and settings.

use std::future::Future;

use leptos::prelude::*;
use mockroom_api::{CreateInviteRequest, Invite, InviteStatus, Member, Role, Team, UpdateTeamRequest};
use uuid::Uuid;

use super::library::{role_in, team_param};
use crate::api::{self, ApiResult};
use crate::components::{ErrorMessage, Field};
use crate::session::use_session;

/// Runs a mutation, shows its error, and reloads the page's data on success.
#[derive(Clone, Copy)]
struct Mutations {
    error: RwSignal<Option<String>>,
    reload: RwSignal<u32>,
}

impl Mutations {
    fn run(self, fut: impl Future<Output = ApiResult<()>> + 'static) {
        leptos::task::spawn_local(async move {
            match fut.await {
                Ok(()) => {
                    self.error.set(None);
                    self.reload.update(|n| *n += 1);
                }
                Err(e) => self.error.set(Some(e.message)),
            }
        });
    }
}

#[component]
pub fn TeamPage() -> impl IntoView {
    let team_id = team_param();
    let session = use_session();
    let my_role = role_in(team_id);

    let team = RwSignal::new(None::<Team>);
    let members = RwSignal::new(Vec::<Member>::new());
    let invites = RwSignal::new(Vec::<Invite>::new());
    let mutations = Mutations {
        error: RwSignal::new(None),
        reload: RwSignal::new(0),
    };
    let error = mutations.error;

    Effect::new(move |_| {
        mutations.reload.track();
        let (Some(id), Some(role)) = (team_id(), my_role()) else {
            return;
        };
        leptos::task::spawn_local(async move {
            match api::team(id).await {
                Ok(t) => team.set(Some(t)),
                Err(e) => return error.set(Some(e.message)),
            }
            if role.can_view_members() {
                match api::members(id).await {
                    Ok(m) => members.set(m),
                    Err(e) => error.set(Some(e.message)),
                }
            }
            if role.can_manage_members() {
                match api::invites(id).await {
                    Ok(i) => invites.set(i),
                    Err(e) => error.set(Some(e.message)),
                }
            }
        });
    });

    view! {
        {move || match (session.loaded.get(), team_id(), my_role()) {
            (false, _, _) => view! { <p class="muted">"Loading…"</p> }.into_any(),
            (true, Some(id), Some(role)) => view! {
                <section class="card">
                    <h1>{move || team.get().map(|t| t.name).unwrap_or_default()}</h1>
                    <p class="muted">"Your role: " <span class="badge">{role.as_str()}</span></p>
                    <ErrorMessage error=error/>
                </section>
                {role.can_view_members().then(|| view! {
                    <MembersTable team_id=id my_role=role members=members mutations=mutations/>
                })}
                {role.can_manage_members().then(|| view! {
                    <InvitesSection team_id=id my_role=role invites=invites mutations=mutations/>
                })}
                {(role == Role::Owner).then(|| view! { <SettingsSection team_id=id team=team mutations=mutations/> })}
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
fn MembersTable(team_id: Uuid, my_role: Role, members: RwSignal<Vec<Member>>, mutations: Mutations) -> impl IntoView {
    let session = use_session();
    let me = move || session.me.with(|m| m.as_ref().map(|m| m.user.id));
    view! {
        <section class="card">
            <h2>"Members"</h2>
            <table data-testid="members">
                <thead><tr><th scope="col">"Name"</th><th scope="col">"E-mail"</th><th scope="col">"Role"</th><th scope="col"><span class="visually-hidden">"Actions"</span></th></tr></thead>
                <tbody>
                    <For each=move || members.get() key=|m| (m.user_id, m.role) let:member>
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
                                                        mutations.run(async move { api::change_role(team_id, user_id, role).await.map(|_| ()) });
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
                                            <button type="button" class="secondary" on:click=move |_| {
                                                mutations.run(async move { api::remove_member(team_id, user_id).await });
                                            }>{if is_me { "Leave team" } else { "Remove" }}</button>
                                        })}
                                    </td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn InvitesSection(team_id: Uuid, my_role: Role, invites: RwSignal<Vec<Invite>>, mutations: Mutations) -> impl IntoView {
    let role = RwSignal::new(Role::Interviewer);
    let email = RwSignal::new(String::new());
    let link = RwSignal::new(None::<String>);
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        let req = CreateInviteRequest {
            role: role.get_untracked(),
            email: Some(email.get_untracked()).filter(|e| !e.trim().is_empty()),
            expires_in_hours: None,
        };
        mutations.run(async move {
            let created = api::create_invite(team_id, &req).await?;
            link.set(Some(created.url));
            Ok(())
        });
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
                    <For each=move || invites.get() key=|i| (i.id, i.status) let:invite>
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
                                    <td>{format!("{} UTC", invite.expires_at.to_rfc3339().get(..16).unwrap_or("").replace('T', " "))}</td>
                                    <td>{status}</td>
                                    <td>{(invite.status == InviteStatus::Pending).then(|| view! {
                                        <button type="button" class="secondary" on:click=move |_| {
                                            mutations.run(async move { api::revoke_invite(team_id, invite_id).await });
                                        }>"Revoke"</button>
                                    })}</td>
                                </tr>
                            }
                        }
                    </For>
                </tbody>
            </table>
        </section>
    }
}

#[component]
fn SettingsSection(team_id: Uuid, team: RwSignal<Option<Team>>, mutations: Mutations) -> impl IntoView {
    let session = use_session();
    let name = RwSignal::new(String::new());
    Effect::new(move |_| {
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
        mutations.run(async move {
            api::update_team(team_id, &req).await?;
            session.refresh();
            Ok(())
        });
    };
    let toggle = move |_| {
        let req = UpdateTeamRequest {
            name: None,
            open_registration: Some(!open()),
        };
        mutations.run(async move { api::update_team(team_id, &req).await.map(|_| ()) });
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
