-- Service-level agreements (issue 15, SRM-METHOD.md section 8) and the working time they are
-- counted in: per country its IANA time zone, working week and holidays (areas whose clock differs
-- from the country's name their own zone).

CREATE TABLE country_calendars (
  id                   @TEXT@ PRIMARY KEY,
  country_id           @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  time_zone            @TEXT@ NOT NULL,
  working_week         @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX country_calendars_newest ON country_calendars (updated_at DESC, id DESC);
CREATE UNIQUE INDEX country_calendars_by_country_id ON country_calendars (country_id);

CREATE TABLE country_calendar_holidays (
  calendar_id          @TEXT@ NOT NULL REFERENCES country_calendars (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal              INTEGER NOT NULL,
  date                 @TEXT@ NOT NULL,
  name                 @TEXT@ NOT NULL,
  PRIMARY KEY (calendar_id, ordinal)
);

CREATE TABLE country_calendar_area_zones (
  calendar_id          @TEXT@ NOT NULL REFERENCES country_calendars (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal              INTEGER NOT NULL,
  area_id              @TEXT@ REFERENCES areas (id) DEFERRABLE INITIALLY DEFERRED,
  time_zone            @TEXT@ NOT NULL,
  PRIMARY KEY (calendar_id, ordinal)
);

CREATE TABLE service_level_agreements (
  id                   @TEXT@ PRIMARY KEY,
  organization_id      @TEXT@ REFERENCES organizations (id) DEFERRABLE INITIALLY DEFERRED,
  country_id           @TEXT@ REFERENCES countries (id) DEFERRABLE INITIALLY DEFERRED,
  title                @TEXT@ NOT NULL,
  "from"               @TEXT@ NOT NULL,
  "to"                 @TEXT@ NOT NULL,
  created_by_id        @TEXT@ REFERENCES users (id) DEFERRABLE INITIALLY DEFERRED,
  created_by_username  @TEXT@ NOT NULL,
  created_at           @TEXT@ NOT NULL,
  updated_at           @TEXT@ NOT NULL,
  revision             BIGINT NOT NULL
);
CREATE INDEX service_level_agreements_newest ON service_level_agreements (updated_at DESC, id DESC);
CREATE INDEX service_level_agreements_by_organization_id ON service_level_agreements (organization_id, updated_at DESC, id DESC);

CREATE TABLE service_level_agreement_services (
  agreement_id         @TEXT@ NOT NULL REFERENCES service_level_agreements (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal              INTEGER NOT NULL,
  code                 @TEXT@ NOT NULL,
  PRIMARY KEY (agreement_id, ordinal)
);

CREATE TABLE service_level_agreement_targets (
  agreement_id         @TEXT@ NOT NULL REFERENCES service_level_agreements (id) ON DELETE CASCADE DEFERRABLE INITIALLY DEFERRED,
  ordinal              INTEGER NOT NULL,
  metric               @TEXT@ NOT NULL,
  threshold            INTEGER NOT NULL,
  unit                 @TEXT@ NOT NULL,
  PRIMARY KEY (agreement_id, ordinal)
);
