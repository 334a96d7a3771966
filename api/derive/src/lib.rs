//! `#[derive(FromJson)]` for the wire types of `mockroom-api`.
//!
//! The browser reads the API's answers from a `serde_json::Value` with
//! `FromJson` instead of serde's derived decoders, whose visitors, field
//! matchers and error messages were about a tenth of the application's WASM
//! (see `mockroom_api::from_json`). This derive writes the reader from the
//! same `#[serde(...)]` attributes serde's derive reads, so the two cannot
//! drift apart: a field marked `#[serde(default)]` is read with its default,
//! `rename_all` names the variants, `tag` picks an internally tagged enum's
//! variant, `deny_unknown_fields` refuses keys it does not know.
//!
//! Only the shapes the wire types use are supported; any other attribute or
//! shape is a compile error here. What is left of serde's leniency is not
//! read: a struct written as a JSON array, a unit variant written as
//! `{"name": null}`, duplicate keys (the `Value` keeps the last); the server
//! writes none of these. An internally tagged newtype variant's struct reads
//! the object with the tag still in it, as serde's does after taking the tag
//! out: fine for a struct that ignores unknown keys and has no field named
//! as the tag (RoomView's views), which the tests check.

use proc_macro::TokenStream;
use proc_macro2::TokenStream as Tokens;
use quote::quote;
use syn::{parse_macro_input, Data, DeriveInput, Fields, Ident, LitStr};

#[proc_macro_derive(FromJson, attributes(serde))]
pub fn derive_from_json(input: TokenStream) -> TokenStream {
    let input = parse_macro_input!(input as DeriveInput);
    expand(&input).unwrap_or_else(syn::Error::into_compile_error).into()
}

/// The `#[serde(...)]` attributes of a type, or of one of its fields.
#[derive(Default)]
struct Serde {
    default: bool,
    deny_unknown_fields: bool,
    rename_all: Option<String>,
    tag: Option<String>,
}

fn serde_attrs(attrs: &[syn::Attribute]) -> syn::Result<Serde> {
    let mut serde = Serde::default();
    for attr in attrs.iter().filter(|a| a.path().is_ident("serde")) {
        attr.parse_nested_meta(|meta| {
            if meta.path.is_ident("default") {
                if meta.input.peek(syn::Token![=]) {
                    return Err(meta.error("#[serde(default = ...)] is not supported by FromJson"));
                }
                serde.default = true;
            } else if meta.path.is_ident("deny_unknown_fields") {
                serde.deny_unknown_fields = true;
            } else if meta.path.is_ident("rename_all") {
                serde.rename_all = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("tag") {
                serde.tag = Some(meta.value()?.parse::<LitStr>()?.value());
            } else if meta.path.is_ident("skip_serializing_if") {
                // Writing only: reading is as without it.
                meta.value()?.parse::<LitStr>()?;
            } else {
                return Err(meta.error("this serde attribute is not supported by FromJson"));
            }
            Ok(())
        })?;
    }
    Ok(serde)
}

/// A variant's name on the wire, as serde's `rename_all` writes it.
fn wire_name(ident: &Ident, rename_all: Option<&str>) -> syn::Result<String> {
    let name = ident.to_string();
    Ok(match rename_all {
        None => name,
        Some("lowercase") => name.to_lowercase(),
        Some("snake_case") => {
            let mut out = String::new();
            for (i, c) in name.chars().enumerate() {
                if c.is_uppercase() && i > 0 {
                    out.push('_');
                }
                out.extend(c.to_lowercase());
            }
            out
        }
        Some(other) => {
            return Err(syn::Error::new(
                ident.span(),
                format!("rename_all = \"{other}\" is not supported by FromJson"),
            ))
        }
    })
}

/// Reads named fields from the object `v` into `path { ... }`.
/// `deny_unknown`: the keys besides the fields that may be there (an
/// internally tagged enum's tag), if unknown keys are refused.
fn named_fields(path: Tokens, fields: &syn::FieldsNamed, deny_unknown: Option<&[String]>) -> syn::Result<Tokens> {
    let mut reads = Vec::new();
    let mut keys = Vec::new();
    for field in &fields.named {
        let ident = field.ident.as_ref().expect("named field");
        let key = syn::ext::IdentExt::unraw(ident).to_string();
        let read = if serde_attrs(&field.attrs)?.default {
            quote! { ::mockroom_api::from_json::field_or_default(v, #key)? }
        } else {
            quote! { ::mockroom_api::from_json::field(v, #key)? }
        };
        reads.push(quote! { #ident: #read });
        keys.push(key);
    }
    let deny = deny_unknown.map(|extra| {
        keys.extend(extra.iter().cloned());
        quote! {
            if !v.as_object()?.keys().all(|k| [#(#keys),*].contains(&k.as_str())) {
                return None;
            }
        }
    });
    Ok(quote! {{
        #deny
        #path { #(#reads),* }
    }})
}

fn expand(input: &DeriveInput) -> syn::Result<Tokens> {
    let name = &input.ident;
    let serde = serde_attrs(&input.attrs)?;
    if serde.default {
        return Err(syn::Error::new(
            name.span(),
            "a container #[serde(default)] is not supported by FromJson",
        ));
    }
    let body = match &input.data {
        Data::Struct(data) => match &data.fields {
            Fields::Named(fields) => {
                if serde.rename_all.is_some() || serde.tag.is_some() {
                    return Err(syn::Error::new(
                        name.span(),
                        "rename_all or tag on a struct is not supported by FromJson",
                    ));
                }
                let read = named_fields(quote!(#name), fields, serde.deny_unknown_fields.then_some(&[]))?;
                quote! {
                    let v = ::mockroom_api::from_json::object(value)?;
                    Some(#read)
                }
            }
            _ => {
                return Err(syn::Error::new(
                    name.span(),
                    "FromJson reads structs with named fields only",
                ))
            }
        },
        Data::Enum(data) => {
            let mut arms = Vec::new();
            for variant in &data.variants {
                if variant.attrs.iter().any(|a| a.path().is_ident("serde")) {
                    return Err(syn::Error::new(
                        variant.ident.span(),
                        "serde attributes on variants are not supported by FromJson",
                    ));
                }
                let ident = &variant.ident;
                let wire = wire_name(ident, serde.rename_all.as_deref())?;
                let read = match (&variant.fields, &serde.tag) {
                    (Fields::Unit, _) => quote!(#name::#ident),
                    (Fields::Named(fields), Some(tag)) => {
                        let allowed = [tag.clone()];
                        named_fields(
                            quote!(#name::#ident),
                            fields,
                            serde.deny_unknown_fields.then_some(&allowed),
                        )?
                    }
                    // Internally tagged newtype variants read the inner
                    // struct from the same object (the tag is one more key).
                    (Fields::Unnamed(fields), Some(_)) if fields.unnamed.len() == 1 => {
                        quote!(#name::#ident(::mockroom_api::from_json::FromJson::from_json(value)?))
                    }
                    _ => {
                        return Err(syn::Error::new(
                            ident.span(),
                            "FromJson reads unit enums and internally tagged enums only",
                        ))
                    }
                };
                arms.push(quote! { #wire => #read, });
            }
            match &serde.tag {
                Some(tag) => quote! {
                    let v = ::mockroom_api::from_json::object(value)?;
                    Some(match v.get(#tag)?.as_str()? {
                        #(#arms)*
                        _ => return None,
                    })
                },
                None => {
                    if data.variants.iter().any(|v| !matches!(v.fields, Fields::Unit)) {
                        return Err(syn::Error::new(
                            name.span(),
                            "an untagged or externally tagged enum with data is not supported by FromJson",
                        ));
                    }
                    quote! {
                        Some(match value.as_str()? {
                            #(#arms)*
                            _ => return None,
                        })
                    }
                }
            }
        }
        Data::Union(_) => return Err(syn::Error::new(name.span(), "FromJson does not read unions")),
    };
    let (impl_generics, ty_generics, where_clause) = input.generics.split_for_impl();
    Ok(quote! {
        impl #impl_generics ::mockroom_api::from_json::FromJson for #name #ty_generics #where_clause {
            fn from_json(value: &::serde_json::Value) -> ::core::option::Option<Self> {
                #body
            }
        }
    })
}
