"""Job postings in the shapes schema.org's and Google's own documentation publish, not in ours.

Each follows one documented example's structure, field for field: Google Search Central's job-posting guide
(developers.google.com/search/docs/appearance/structured-data/job-posting: its basic example, its example with
several locations, its remote example with ``applicantLocationRequirements``) and schema.org's JobPosting
examples (schema.org/JobPosting: the first, with ``baseSalary`` as a plain number, ``salaryCurrency``, free-text
``employmentType`` and no ``identifier``, ``url`` or ``validThrough``). The places, employers and pay are moved to
Great Britain, except for ``US_AS_PUBLISHED``, which keeps the United States of the original. What a field holds
is kept in the documented form (a text where they show a text, a number where they show a number).
"""

from __future__ import annotations

#: Google's basic example, in Leeds: no ``url`` (the page carrying it is the way to apply).
GOOGLE_BASIC = {
    "@context": "https://schema.org/", "@type": "JobPosting", "title": "Software Engineer",
    "description": "<p>We are looking for a software engineer to join our team in Leeds.</p>",
    "identifier": {"@type": "PropertyValue", "name": "Northern Tech", "value": "1234567"},
    "datePosted": "2026-11-18", "validThrough": "2027-01-18T00:00", "employmentType": "CONTRACTOR",
    "hiringOrganization": {"@type": "Organization", "name": "Northern Tech Ltd", "sameAs": "https://www.example.com",
                           "logo": "https://www.example.com/images/logo.png"},
    "jobLocation": {"@type": "Place", "address": {
        "@type": "PostalAddress", "streetAddress": "1 Park Row", "addressLocality": "Leeds",
        "addressRegion": "West Yorkshire", "postalCode": "LS1 5AB", "addressCountry": "GB"}},
    "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP",
                   "value": {"@type": "QuantitativeValue", "value": 40.00, "unitText": "HOUR"}},
}

#: Google's example with several places of work: ``jobLocation`` a list, ``employmentType`` a list.
GOOGLE_SEVERAL_PLACES = {
    "@context": "https://schema.org/", "@type": "JobPosting", "title": "Delivery driver",
    "description": "<p>Deliver parcels from our Manchester or Birmingham depots.</p>",
    "identifier": {"@type": "PropertyValue", "name": "Parcel Co", "value": "DRV-77"},
    "datePosted": "2026-11-20", "validThrough": "2027-01-20", "employmentType": ["FULL_TIME", "TEMPORARY"],
    "hiringOrganization": {"@type": "Organization", "name": "Parcel Co", "sameAs": "https://parcel.example.com"},
    "jobLocation": [
        {"@type": "Place", "address": {"@type": "PostalAddress", "streetAddress": "2 Trafford Way",
                                       "addressLocality": "Manchester", "postalCode": "M17 1AA",
                                       "addressCountry": "GB"}},
        {"@type": "Place", "address": {"@type": "PostalAddress", "streetAddress": "9 Fort Parkway",
                                       "addressLocality": "Birmingham", "postalCode": "B24 9AA",
                                       "addressCountry": "GB"}},
    ],
    "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP", "value": {
        "@type": "QuantitativeValue", "minValue": 24000, "maxValue": 27000, "unitText": "YEAR"}},
}

#: Google's remote example: no ``jobLocation``, ``applicantLocationRequirements`` a Country.
GOOGLE_REMOTE_UK = {
    "@context": "https://schema.org/", "@type": "JobPosting", "title": "Customer service adviser",
    "description": "<p>Answer customers' calls from home. We send you a laptop and a headset.</p>",
    "identifier": {"@type": "PropertyValue", "name": "Helpline Ltd", "value": "CS-2026-04"},
    "datePosted": "2026-11-25", "validThrough": "2027-02-01T00:00",
    "employmentType": "PART_TIME",
    "hiringOrganization": {"@type": "Organization", "name": "Helpline Ltd", "sameAs": "https://helpline.example.com"},
    "applicantLocationRequirements": {"@type": "Country", "name": "UK"},
    "jobLocationType": "TELECOMMUTE",
    "baseSalary": {"@type": "MonetaryAmount", "currency": "GBP", "value": {
        "@type": "QuantitativeValue", "minValue": 12.50, "maxValue": 13.20, "unitText": "HOUR"}},
}

#: schema.org's first example: a number for ``baseSalary`` (as text), ``salaryCurrency``, free-text
#: ``employmentType``, no ``identifier``, no ``url``, no ``validThrough``, an employer by name only.
SCHEMA_ORG_FIRST = {
    "@context": "https://schema.org", "@type": "JobPosting", "title": "Warehouse operative",
    "baseSalary": "23500", "jobBenefits": "Pension, 28 days holiday", "datePosted": "2026-11-28",
    "description": "Description: Cardiff Stores seeks a full-time warehouse operative to pick and pack orders.",
    "educationRequirements": "None needed", "employmentType": "Full-time",
    "experienceRequirements": "No experience needed",
    "hiringOrganization": {"@type": "Organization", "name": "Cardiff Stores"},
    "industry": "Retail", "jobLocation": {"@type": "Place", "address": {
        "@type": "PostalAddress", "addressLocality": "Cardiff", "addressRegion": "Wales"}},
    "occupationalCategory": "9252 Warehouse operatives", "qualifications": "Able to lift boxes up to 15 kg.",
    "responsibilities": "Pick and pack orders. Load vans.", "salaryCurrency": "GBP",
    "skills": "Working in a team", "workHours": "40 hours per week",
}

#: schema.org's PriceSpecification form of ``baseSalary`` (UnitPriceSpecification with a UN/CEFACT unit code).
SCHEMA_ORG_PRICE_SPECIFICATION = {
    "@context": "https://schema.org", "@type": "JobPosting", "title": "Kitchen porter",
    "description": "<p>Wash up and keep our kitchen clean.</p>", "datePosted": "2026-11-29",
    "validThrough": "2026-12-29", "employmentType": "PART_TIME",
    "hiringOrganization": {"@type": "Organization", "name": "The Harbour Cafe", "url": "https://harbour.example.com"},
    "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Penzance",
                                                  "postalCode": "TR18 4AA", "addressCountry": "United Kingdom"}},
    "baseSalary": {"@type": "UnitPriceSpecification", "priceCurrency": "GBP", "price": 12.60, "unitCode": "HUR"},
    "workHours": "20 hours a week",
}

#: schema.org's first example as published, in the United States: refused for where it is, not for its pay.
US_AS_PUBLISHED = {
    "@context": "https://schema.org", "@type": "JobPosting", "title": "Software Engineer", "baseSalary": 100000,
    "datePosted": "2026-11-01", "description": "ABC Company Inc. seeks a full-time mid-level software engineer.",
    "employmentType": "Full-time", "hiringOrganization": {"@type": "Organization", "name": "ABC Company Inc."},
    "jobLocation": {"@type": "Place", "address": {"@type": "PostalAddress", "addressLocality": "Kirkland",
                                                  "addressRegion": "WA", "addressCountry": "US"}},
    "salaryCurrency": "USD", "url": "https://abc.example.com/jobs/1",
}

#: The six, as fed to the ingest in the issue: four in Great Britain, one remote for the UK, one in the US.
PUBLISHED = {"google_basic": GOOGLE_BASIC, "google_several_places": GOOGLE_SEVERAL_PLACES,
             "google_remote_uk": GOOGLE_REMOTE_UK, "schema_org_first": SCHEMA_ORG_FIRST,
             "schema_org_price_specification": SCHEMA_ORG_PRICE_SPECIFICATION, "us_as_published": US_AS_PUBLISHED}
