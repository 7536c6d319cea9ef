--
-- PostgreSQL database dump
--

\restrict TEFIeXRlba3ZzegbEeIiDAvH5l15myDdHnC1hBEDGRkN26iE7uqKX31KlqdIJ1V

-- Dumped from database version 15.20 (Debian 15.20-0+deb12u1)
-- Dumped by pg_dump version 15.20 (Debian 15.20-0+deb12u1)

SET statement_timeout = 0;
SET lock_timeout = 0;
SET idle_in_transaction_session_timeout = 0;
SET client_encoding = 'UTF8';
SET standard_conforming_strings = on;
SELECT pg_catalog.set_config('search_path', '', false);
SET check_function_bodies = false;
SET xmloption = content;
SET client_min_messages = warning;
SET row_security = off;

SET default_tablespace = '';

SET default_table_access_method = heap;

--
-- Name: agent; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.agent (
    id uuid NOT NULL,
    name text NOT NULL,
    description text NOT NULL,
    provider text NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    is_active boolean NOT NULL,
    created_by_id uuid NOT NULL,
    project_id uuid NOT NULL
);


--
-- Name: agent_key; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.agent_key (
    id uuid NOT NULL,
    prefix character varying(255) NOT NULL,
    hashed_key text NOT NULL,
    name character varying(255),
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    expires_at timestamp with time zone,
    active boolean NOT NULL,
    agent_id uuid NOT NULL
);


--
-- Name: agent_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.agent_session (
    id uuid NOT NULL,
    created_at timestamp with time zone NOT NULL,
    meta jsonb NOT NULL,
    agent_id uuid NOT NULL,
    agent_key_id uuid
);


--
-- Name: auth_group; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_group (
    id integer NOT NULL,
    name character varying(150) NOT NULL
);


--
-- Name: auth_group_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.auth_group_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: auth_group_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.auth_group_id_seq OWNED BY public.auth_group.id;


--
-- Name: auth_group_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_group_permissions (
    id bigint NOT NULL,
    group_id integer NOT NULL,
    permission_id integer NOT NULL
);


--
-- Name: auth_group_permissions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.auth_group_permissions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: auth_group_permissions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.auth_group_permissions_id_seq OWNED BY public.auth_group_permissions.id;


--
-- Name: auth_permission; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_permission (
    id integer NOT NULL,
    name character varying(255) NOT NULL,
    content_type_id integer NOT NULL,
    codename character varying(100) NOT NULL
);


--
-- Name: auth_permission_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.auth_permission_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: auth_permission_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.auth_permission_id_seq OWNED BY public.auth_permission.id;


--
-- Name: auth_user; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_user (
    id integer NOT NULL,
    password character varying(128) NOT NULL,
    last_login timestamp with time zone,
    is_superuser boolean NOT NULL,
    username character varying(150) NOT NULL,
    first_name character varying(150) NOT NULL,
    last_name character varying(150) NOT NULL,
    email character varying(254) NOT NULL,
    is_staff boolean NOT NULL,
    is_active boolean NOT NULL,
    date_joined timestamp with time zone NOT NULL
);


--
-- Name: auth_user_groups; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_user_groups (
    id bigint NOT NULL,
    user_id integer NOT NULL,
    group_id integer NOT NULL
);


--
-- Name: auth_user_groups_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.auth_user_groups_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: auth_user_groups_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.auth_user_groups_id_seq OWNED BY public.auth_user_groups.id;


--
-- Name: auth_user_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.auth_user_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: auth_user_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.auth_user_id_seq OWNED BY public.auth_user.id;


--
-- Name: auth_user_user_permissions; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.auth_user_user_permissions (
    id bigint NOT NULL,
    user_id integer NOT NULL,
    permission_id integer NOT NULL
);


--
-- Name: auth_user_user_permissions_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.auth_user_user_permissions_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: auth_user_user_permissions_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.auth_user_user_permissions_id_seq OWNED BY public.auth_user_user_permissions.id;


--
-- Name: backend_api_keys; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.backend_api_keys (
    id uuid NOT NULL,
    prefix character varying(255) NOT NULL,
    hashed_key text NOT NULL,
    name character varying(255),
    created_at timestamp with time zone NOT NULL,
    last_used_at timestamp with time zone,
    revoked_at timestamp with time zone,
    expires_at timestamp with time zone,
    active boolean NOT NULL,
    project_id uuid NOT NULL
);


--
-- Name: django_admin_log; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_admin_log (
    id integer NOT NULL,
    action_time timestamp with time zone NOT NULL,
    object_id text,
    object_repr character varying(200) NOT NULL,
    action_flag smallint NOT NULL,
    change_message text NOT NULL,
    content_type_id integer,
    user_id integer NOT NULL,
    CONSTRAINT django_admin_log_action_flag_check CHECK ((action_flag >= 0))
);


--
-- Name: django_admin_log_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.django_admin_log_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: django_admin_log_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.django_admin_log_id_seq OWNED BY public.django_admin_log.id;


--
-- Name: django_content_type; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_content_type (
    id integer NOT NULL,
    app_label character varying(100) NOT NULL,
    model character varying(100) NOT NULL
);


--
-- Name: django_content_type_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.django_content_type_id_seq
    AS integer
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: django_content_type_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.django_content_type_id_seq OWNED BY public.django_content_type.id;


--
-- Name: django_migrations; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_migrations (
    id bigint NOT NULL,
    app character varying(255) NOT NULL,
    name character varying(255) NOT NULL,
    applied timestamp with time zone NOT NULL
);


--
-- Name: django_migrations_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.django_migrations_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: django_migrations_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.django_migrations_id_seq OWNED BY public.django_migrations.id;


--
-- Name: django_session; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.django_session (
    session_key character varying(40) NOT NULL,
    session_data text NOT NULL,
    expire_date timestamp with time zone NOT NULL
);


--
-- Name: project; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.project (
    id uuid NOT NULL,
    name character varying(255) NOT NULL,
    description character varying(300) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    is_active boolean NOT NULL,
    created_by_id uuid NOT NULL,
    domain character varying(200)
);


--
-- Name: user_project_mapping; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.user_project_mapping (
    id bigint NOT NULL,
    privilege smallint NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL,
    is_active boolean NOT NULL,
    project_id uuid NOT NULL,
    user_id uuid NOT NULL,
    CONSTRAINT user_project_mapping_privilege_check CHECK ((privilege >= 0))
);


--
-- Name: user_project_mapping_id_seq; Type: SEQUENCE; Schema: public; Owner: -
--

CREATE SEQUENCE public.user_project_mapping_id_seq
    START WITH 1
    INCREMENT BY 1
    NO MINVALUE
    NO MAXVALUE
    CACHE 1;


--
-- Name: user_project_mapping_id_seq; Type: SEQUENCE OWNED BY; Schema: public; Owner: -
--

ALTER SEQUENCE public.user_project_mapping_id_seq OWNED BY public.user_project_mapping.id;


--
-- Name: users; Type: TABLE; Schema: public; Owner: -
--

CREATE TABLE public.users (
    id uuid NOT NULL,
    first_name character varying(100) NOT NULL,
    middle_name character varying(100),
    last_name character varying(100) NOT NULL,
    email character varying(254) NOT NULL,
    password character varying(128) NOT NULL,
    created_at timestamp with time zone NOT NULL,
    updated_at timestamp with time zone NOT NULL
);


--
-- Name: auth_group id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group ALTER COLUMN id SET DEFAULT nextval('public.auth_group_id_seq'::regclass);


--
-- Name: auth_group_permissions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions ALTER COLUMN id SET DEFAULT nextval('public.auth_group_permissions_id_seq'::regclass);


--
-- Name: auth_permission id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission ALTER COLUMN id SET DEFAULT nextval('public.auth_permission_id_seq'::regclass);


--
-- Name: auth_user id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user ALTER COLUMN id SET DEFAULT nextval('public.auth_user_id_seq'::regclass);


--
-- Name: auth_user_groups id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_groups ALTER COLUMN id SET DEFAULT nextval('public.auth_user_groups_id_seq'::regclass);


--
-- Name: auth_user_user_permissions id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_user_permissions ALTER COLUMN id SET DEFAULT nextval('public.auth_user_user_permissions_id_seq'::regclass);


--
-- Name: django_admin_log id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log ALTER COLUMN id SET DEFAULT nextval('public.django_admin_log_id_seq'::regclass);


--
-- Name: django_content_type id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_content_type ALTER COLUMN id SET DEFAULT nextval('public.django_content_type_id_seq'::regclass);


--
-- Name: django_migrations id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_migrations ALTER COLUMN id SET DEFAULT nextval('public.django_migrations_id_seq'::regclass);


--
-- Name: user_project_mapping id; Type: DEFAULT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_project_mapping ALTER COLUMN id SET DEFAULT nextval('public.user_project_mapping_id_seq'::regclass);


--
-- Data for Name: agent; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.agent VALUES ('08b896d0-2a09-46a5-96ac-2c73e8842921', 'Difference Engine Bot', 'A helper', 'openai', '2026-11-29 14:54:47.02195+00', '2026-11-29 14:54:47.022385+00', true, 'ed8dce28-6248-419b-8391-8b218449c35e', 'ec44de7c-49ec-4603-bffa-b9de4432dc16');


--
-- Data for Name: agent_key; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: agent_session; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: auth_group; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: auth_group_permissions; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: auth_permission; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.auth_permission VALUES (1, 'Can add log entry', 1, 'add_logentry');
INSERT INTO public.auth_permission VALUES (2, 'Can change log entry', 1, 'change_logentry');
INSERT INTO public.auth_permission VALUES (3, 'Can delete log entry', 1, 'delete_logentry');
INSERT INTO public.auth_permission VALUES (4, 'Can view log entry', 1, 'view_logentry');
INSERT INTO public.auth_permission VALUES (5, 'Can add permission', 2, 'add_permission');
INSERT INTO public.auth_permission VALUES (6, 'Can change permission', 2, 'change_permission');
INSERT INTO public.auth_permission VALUES (7, 'Can delete permission', 2, 'delete_permission');
INSERT INTO public.auth_permission VALUES (8, 'Can view permission', 2, 'view_permission');
INSERT INTO public.auth_permission VALUES (9, 'Can add group', 3, 'add_group');
INSERT INTO public.auth_permission VALUES (10, 'Can change group', 3, 'change_group');
INSERT INTO public.auth_permission VALUES (11, 'Can delete group', 3, 'delete_group');
INSERT INTO public.auth_permission VALUES (12, 'Can view group', 3, 'view_group');
INSERT INTO public.auth_permission VALUES (13, 'Can add user', 4, 'add_user');
INSERT INTO public.auth_permission VALUES (14, 'Can change user', 4, 'change_user');
INSERT INTO public.auth_permission VALUES (15, 'Can delete user', 4, 'delete_user');
INSERT INTO public.auth_permission VALUES (16, 'Can view user', 4, 'view_user');
INSERT INTO public.auth_permission VALUES (17, 'Can add content type', 5, 'add_contenttype');
INSERT INTO public.auth_permission VALUES (18, 'Can change content type', 5, 'change_contenttype');
INSERT INTO public.auth_permission VALUES (19, 'Can delete content type', 5, 'delete_contenttype');
INSERT INTO public.auth_permission VALUES (20, 'Can view content type', 5, 'view_contenttype');
INSERT INTO public.auth_permission VALUES (21, 'Can add session', 6, 'add_session');
INSERT INTO public.auth_permission VALUES (22, 'Can change session', 6, 'change_session');
INSERT INTO public.auth_permission VALUES (23, 'Can delete session', 6, 'delete_session');
INSERT INTO public.auth_permission VALUES (24, 'Can view session', 6, 'view_session');
INSERT INTO public.auth_permission VALUES (25, 'Can add user', 7, 'add_user');
INSERT INTO public.auth_permission VALUES (26, 'Can change user', 7, 'change_user');
INSERT INTO public.auth_permission VALUES (27, 'Can delete user', 7, 'delete_user');
INSERT INTO public.auth_permission VALUES (28, 'Can view user', 7, 'view_user');
INSERT INTO public.auth_permission VALUES (29, 'Can add project', 8, 'add_project');
INSERT INTO public.auth_permission VALUES (30, 'Can change project', 8, 'change_project');
INSERT INTO public.auth_permission VALUES (31, 'Can delete project', 8, 'delete_project');
INSERT INTO public.auth_permission VALUES (32, 'Can view project', 8, 'view_project');
INSERT INTO public.auth_permission VALUES (33, 'Can add backend api key', 9, 'add_backendapikey');
INSERT INTO public.auth_permission VALUES (34, 'Can change backend api key', 9, 'change_backendapikey');
INSERT INTO public.auth_permission VALUES (35, 'Can delete backend api key', 9, 'delete_backendapikey');
INSERT INTO public.auth_permission VALUES (36, 'Can view backend api key', 9, 'view_backendapikey');
INSERT INTO public.auth_permission VALUES (37, 'Can add user project mapping', 10, 'add_userprojectmapping');
INSERT INTO public.auth_permission VALUES (38, 'Can change user project mapping', 10, 'change_userprojectmapping');
INSERT INTO public.auth_permission VALUES (39, 'Can delete user project mapping', 10, 'delete_userprojectmapping');
INSERT INTO public.auth_permission VALUES (40, 'Can view user project mapping', 10, 'view_userprojectmapping');
INSERT INTO public.auth_permission VALUES (41, 'Can add agent', 11, 'add_agent');
INSERT INTO public.auth_permission VALUES (42, 'Can change agent', 11, 'change_agent');
INSERT INTO public.auth_permission VALUES (43, 'Can delete agent', 11, 'delete_agent');
INSERT INTO public.auth_permission VALUES (44, 'Can view agent', 11, 'view_agent');
INSERT INTO public.auth_permission VALUES (45, 'Can add agent key', 12, 'add_agentkey');
INSERT INTO public.auth_permission VALUES (46, 'Can change agent key', 12, 'change_agentkey');
INSERT INTO public.auth_permission VALUES (47, 'Can delete agent key', 12, 'delete_agentkey');
INSERT INTO public.auth_permission VALUES (48, 'Can view agent key', 12, 'view_agentkey');
INSERT INTO public.auth_permission VALUES (49, 'Can add agent session', 13, 'add_agentsession');
INSERT INTO public.auth_permission VALUES (50, 'Can change agent session', 13, 'change_agentsession');
INSERT INTO public.auth_permission VALUES (51, 'Can delete agent session', 13, 'delete_agentsession');
INSERT INTO public.auth_permission VALUES (52, 'Can view agent session', 13, 'view_agentsession');


--
-- Data for Name: auth_user; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: auth_user_groups; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: auth_user_user_permissions; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: backend_api_keys; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: django_admin_log; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: django_content_type; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.django_content_type VALUES (1, 'admin', 'logentry');
INSERT INTO public.django_content_type VALUES (2, 'auth', 'permission');
INSERT INTO public.django_content_type VALUES (3, 'auth', 'group');
INSERT INTO public.django_content_type VALUES (4, 'auth', 'user');
INSERT INTO public.django_content_type VALUES (5, 'contenttypes', 'contenttype');
INSERT INTO public.django_content_type VALUES (6, 'sessions', 'session');
INSERT INTO public.django_content_type VALUES (7, 'users', 'user');
INSERT INTO public.django_content_type VALUES (8, 'projects', 'project');
INSERT INTO public.django_content_type VALUES (9, 'projects', 'backendapikey');
INSERT INTO public.django_content_type VALUES (10, 'projects', 'userprojectmapping');
INSERT INTO public.django_content_type VALUES (11, 'agents', 'agent');
INSERT INTO public.django_content_type VALUES (12, 'agents', 'agentkey');
INSERT INTO public.django_content_type VALUES (13, 'agents', 'agentsession');


--
-- Data for Name: django_migrations; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.django_migrations VALUES (1, 'contenttypes', '0001_initial', '2026-11-29 14:54:13.357389+00');
INSERT INTO public.django_migrations VALUES (2, 'auth', '0001_initial', '2026-11-29 14:54:13.497441+00');
INSERT INTO public.django_migrations VALUES (3, 'admin', '0001_initial', '2026-11-29 14:54:13.541989+00');
INSERT INTO public.django_migrations VALUES (4, 'admin', '0002_logentry_remove_auto_add', '2026-11-29 14:54:13.5573+00');
INSERT INTO public.django_migrations VALUES (5, 'admin', '0003_logentry_add_action_flag_choices', '2026-11-29 14:54:13.574623+00');
INSERT INTO public.django_migrations VALUES (6, 'users', '0001_initial', '2026-11-29 14:54:13.599373+00');
INSERT INTO public.django_migrations VALUES (7, 'projects', '0001_initial', '2026-11-29 14:54:13.757724+00');
INSERT INTO public.django_migrations VALUES (8, 'agents', '0001_initial', '2026-11-29 14:54:13.953507+00');
INSERT INTO public.django_migrations VALUES (9, 'contenttypes', '0002_remove_content_type_name', '2026-11-29 14:54:13.992448+00');
INSERT INTO public.django_migrations VALUES (10, 'auth', '0002_alter_permission_name_max_length', '2026-11-29 14:54:14.010035+00');
INSERT INTO public.django_migrations VALUES (11, 'auth', '0003_alter_user_email_max_length', '2026-11-29 14:54:14.027694+00');
INSERT INTO public.django_migrations VALUES (12, 'auth', '0004_alter_user_username_opts', '2026-11-29 14:54:14.041673+00');
INSERT INTO public.django_migrations VALUES (13, 'auth', '0005_alter_user_last_login_null', '2026-11-29 14:54:14.06316+00');
INSERT INTO public.django_migrations VALUES (14, 'auth', '0006_require_contenttypes_0002', '2026-11-29 14:54:14.069623+00');
INSERT INTO public.django_migrations VALUES (15, 'auth', '0007_alter_validators_add_error_messages', '2026-11-29 14:54:14.080897+00');
INSERT INTO public.django_migrations VALUES (16, 'auth', '0008_alter_user_username_max_length', '2026-11-29 14:54:14.106018+00');
INSERT INTO public.django_migrations VALUES (17, 'auth', '0009_alter_user_last_name_max_length', '2026-11-29 14:54:14.119858+00');
INSERT INTO public.django_migrations VALUES (18, 'auth', '0010_alter_group_name_max_length', '2026-11-29 14:54:14.141079+00');
INSERT INTO public.django_migrations VALUES (19, 'auth', '0011_update_proxy_permissions', '2026-11-29 14:54:14.167665+00');
INSERT INTO public.django_migrations VALUES (20, 'auth', '0012_alter_user_first_name_max_length', '2026-11-29 14:54:14.181973+00');
INSERT INTO public.django_migrations VALUES (21, 'projects', '0002_project_domain', '2026-11-29 14:54:14.197624+00');
INSERT INTO public.django_migrations VALUES (22, 'sessions', '0001_initial', '2026-11-29 14:54:14.229731+00');


--
-- Data for Name: django_session; Type: TABLE DATA; Schema: public; Owner: -
--



--
-- Data for Name: project; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.project VALUES ('ec44de7c-49ec-4603-bffa-b9de4432dc16', 'Analytical Engine', 'Notes on the engine — ünïcödé', '2026-11-29 14:54:37.917477+00', '2026-11-29 14:54:37.917822+00', true, 'a76f9da5-38ab-490a-ac92-35a5604d01c1', '');


--
-- Data for Name: user_project_mapping; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.user_project_mapping VALUES (1, 1, '2026-11-29 14:54:37.918898+00', '2026-11-29 14:54:37.919201+00', true, 'ec44de7c-49ec-4603-bffa-b9de4432dc16', 'a76f9da5-38ab-490a-ac92-35a5604d01c1');
INSERT INTO public.user_project_mapping VALUES (2, 2, '2026-11-29 14:54:47.018915+00', '2026-11-29 14:54:47.019271+00', true, 'ec44de7c-49ec-4603-bffa-b9de4432dc16', 'ed8dce28-6248-419b-8391-8b218449c35e');


--
-- Data for Name: users; Type: TABLE DATA; Schema: public; Owner: -
--

INSERT INTO public.users VALUES ('ed8dce28-6248-419b-8391-8b218449c35e', 'Zoë', 'Åsa', 'Ørsted-Müller', 'zoe@example.com', 'pbkdf2_sha256$260000$jPZpEjkuZ2OlQaDamRyQBg$4SI5qddMfG/9G89gcibvbPzXzGEV0+VMzPwAcdzd6pc=', '2026-11-29 14:54:35.018824+00', '2026-11-29 14:54:35.018871+00');
INSERT INTO public.users VALUES ('a76f9da5-38ab-490a-ac92-35a5604d01c1', 'Grace', 'Brewster', 'Hopper', 'grace@example.com', 'pbkdf2_sha256$260000$p4jr6x546GmaF7LewNhvxi$KJ0LnBDf4L+ZQh9PbJvbK6oJaFDzOtSCdLfuJ7LBBxw=', '2026-11-29 14:54:35.192039+00', '2026-11-29 14:54:35.192073+00');
INSERT INTO public.users VALUES ('fbbaddf1-1cbc-4ef0-afe0-77ea3fe0e6e9', '李', '', '小龍 🐉', 'li@example.com', 'pbkdf2_sha256$260000$Cnws4X0aL6ZeUBuNNuE61D$SSdL7E1WePbcOeQc4GjBpGT3xjbUj8gD+uZ3UUHeDbw=', '2026-11-29 14:54:35.35079+00', '2026-11-29 14:54:35.35084+00');
INSERT INTO public.users VALUES ('39b973a8-ed56-4d02-8ddf-6af8860157b3', 'Plain', '', 'Text', 'plain@example.com', 'pbkdf2_sha256$stored-as-typed', '2026-11-29 14:54:35.379751+00', '2026-11-29 14:54:35.379786+00');
INSERT INTO public.users VALUES ('93d476f4-7613-48a7-8810-57504253f157', 'Long', '', 'Password', 'long@example.com', 'pbkdf2_sha256$260000$t8bw2Qqh6jWk183L8yKaPZ$8D/B1vo0BOqwP40YbVt9XHSoqKoiv2k2drNdb0qHb3g=', '2026-11-29 14:54:35.498849+00', '2026-11-29 14:54:35.498883+00');
INSERT INTO public.users VALUES ('3a767292-cfae-4f5d-a8c2-70d15a7c290a', 'Ada', 'King', 'Lovelace', 'ada@example.com', 'pbkdf2_sha256$260000$T3iOvfYO6yILnBlyBjLb60$ga4bIhJTw09j0ZHbBjqiMBeHrOwDUVgRkWU1mBKcsl8=', '2026-11-29 14:54:23.247321+00', '2026-11-29 14:54:35.779733+00');
INSERT INTO public.users VALUES ('fccb3b4d-167e-4ff0-abbc-0a845f05a0fe', 'Alan', NULL, 'Turing', 'alan@example.com', 'pbkdf2_sha256$720000$X5BtINnTCLQc8yQ0ndZUSP$dDFYGj/ISMLwKumsIgWPbCiGOUEDXAH+6lCRlK47Yow=', '2026-11-29 14:54:43.192565+00', '2026-11-29 14:54:43.19262+00');
INSERT INTO public.users VALUES ('ee8da108-558f-4d0f-95bc-1b54814eeac5', 'Edsger', 'Wybe', 'Dijkstra', 'edsger@example.com', 'pbkdf2_sha1$36000$0Gavb02pSAtbUN2AQ8KSsQ$5fIeUDFz587cJ7WxbqMZcyVWOXY=', '2026-11-29 14:54:43.216576+00', '2026-11-29 14:54:43.216611+00');
INSERT INTO public.users VALUES ('fd7f3810-293b-4870-b8c0-ae2e53b7cc53', 'Nobody', NULL, 'Unusable', 'unusable@example.com', '!uxSGNLPi9hYvzvaB68yg1g37Jn2BlJqK94yBKAXB', '2026-11-29 14:54:43.306391+00', '2026-11-29 14:54:43.306425+00');
INSERT INTO public.users VALUES ('4e6cfa7a-5e81-4a23-9ca3-177c9124ef24', 'Md', NULL, 'Five', 'md5@example.com', 'md5$xjU94s7mLBE97QcuGUemW3$33f55472be86a43b54c06b57f8646e58', '2026-11-29 14:54:43.441038+00', '2026-11-29 14:54:43.441073+00');


--
-- Name: auth_group_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_group_id_seq', 1, false);


--
-- Name: auth_group_permissions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_group_permissions_id_seq', 1, false);


--
-- Name: auth_permission_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_permission_id_seq', 52, true);


--
-- Name: auth_user_groups_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_user_groups_id_seq', 1, false);


--
-- Name: auth_user_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_user_id_seq', 1, false);


--
-- Name: auth_user_user_permissions_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.auth_user_user_permissions_id_seq', 1, false);


--
-- Name: django_admin_log_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_admin_log_id_seq', 1, false);


--
-- Name: django_content_type_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_content_type_id_seq', 13, true);


--
-- Name: django_migrations_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.django_migrations_id_seq', 22, true);


--
-- Name: user_project_mapping_id_seq; Type: SEQUENCE SET; Schema: public; Owner: -
--

SELECT pg_catalog.setval('public.user_project_mapping_id_seq', 2, true);


--
-- Name: agent_key agent_key_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent_key
    ADD CONSTRAINT agent_key_pkey PRIMARY KEY (id);


--
-- Name: agent agent_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent
    ADD CONSTRAINT agent_pkey PRIMARY KEY (id);


--
-- Name: agent_session agent_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent_session
    ADD CONSTRAINT agent_session_pkey PRIMARY KEY (id);


--
-- Name: auth_group auth_group_name_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group
    ADD CONSTRAINT auth_group_name_key UNIQUE (name);


--
-- Name: auth_group_permissions auth_group_permissions_group_id_permission_id_0cd325b0_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_group_id_permission_id_0cd325b0_uniq UNIQUE (group_id, permission_id);


--
-- Name: auth_group_permissions auth_group_permissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_pkey PRIMARY KEY (id);


--
-- Name: auth_group auth_group_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group
    ADD CONSTRAINT auth_group_pkey PRIMARY KEY (id);


--
-- Name: auth_permission auth_permission_content_type_id_codename_01ab375a_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_content_type_id_codename_01ab375a_uniq UNIQUE (content_type_id, codename);


--
-- Name: auth_permission auth_permission_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_pkey PRIMARY KEY (id);


--
-- Name: auth_user_groups auth_user_groups_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_groups
    ADD CONSTRAINT auth_user_groups_pkey PRIMARY KEY (id);


--
-- Name: auth_user_groups auth_user_groups_user_id_group_id_94350c0c_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_groups
    ADD CONSTRAINT auth_user_groups_user_id_group_id_94350c0c_uniq UNIQUE (user_id, group_id);


--
-- Name: auth_user auth_user_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user
    ADD CONSTRAINT auth_user_pkey PRIMARY KEY (id);


--
-- Name: auth_user_user_permissions auth_user_user_permissions_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_user_permissions
    ADD CONSTRAINT auth_user_user_permissions_pkey PRIMARY KEY (id);


--
-- Name: auth_user_user_permissions auth_user_user_permissions_user_id_permission_id_14a6b632_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_user_permissions
    ADD CONSTRAINT auth_user_user_permissions_user_id_permission_id_14a6b632_uniq UNIQUE (user_id, permission_id);


--
-- Name: auth_user auth_user_username_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user
    ADD CONSTRAINT auth_user_username_key UNIQUE (username);


--
-- Name: backend_api_keys backend_api_keys_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backend_api_keys
    ADD CONSTRAINT backend_api_keys_pkey PRIMARY KEY (id);


--
-- Name: django_admin_log django_admin_log_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_pkey PRIMARY KEY (id);


--
-- Name: django_content_type django_content_type_app_label_model_76bd3d3b_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_content_type
    ADD CONSTRAINT django_content_type_app_label_model_76bd3d3b_uniq UNIQUE (app_label, model);


--
-- Name: django_content_type django_content_type_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_content_type
    ADD CONSTRAINT django_content_type_pkey PRIMARY KEY (id);


--
-- Name: django_migrations django_migrations_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_migrations
    ADD CONSTRAINT django_migrations_pkey PRIMARY KEY (id);


--
-- Name: django_session django_session_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_session
    ADD CONSTRAINT django_session_pkey PRIMARY KEY (session_key);


--
-- Name: project project_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project
    ADD CONSTRAINT project_pkey PRIMARY KEY (id);


--
-- Name: user_project_mapping user_project_mapping_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_project_mapping
    ADD CONSTRAINT user_project_mapping_pkey PRIMARY KEY (id);


--
-- Name: user_project_mapping user_project_mapping_user_id_project_id_6751be38_uniq; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_project_mapping
    ADD CONSTRAINT user_project_mapping_user_id_project_id_6751be38_uniq UNIQUE (user_id, project_id);


--
-- Name: users users_email_key; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_email_key UNIQUE (email);


--
-- Name: users users_pkey; Type: CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.users
    ADD CONSTRAINT users_pkey PRIMARY KEY (id);


--
-- Name: agent_created_by_id_b021a6b3; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_created_by_id_b021a6b3 ON public.agent USING btree (created_by_id);


--
-- Name: agent_key_active_7c6dd716; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_key_active_7c6dd716 ON public.agent_key USING btree (active);


--
-- Name: agent_key_active_d167dc_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_key_active_d167dc_idx ON public.agent_key USING btree (active);


--
-- Name: agent_key_agent_i_925b0c_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_key_agent_i_925b0c_idx ON public.agent_key USING btree (agent_id);


--
-- Name: agent_key_agent_id_f9473d23; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_key_agent_id_f9473d23 ON public.agent_key USING btree (agent_id);


--
-- Name: agent_key_prefix_3562dfc6; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_key_prefix_3562dfc6 ON public.agent_key USING btree (prefix);


--
-- Name: agent_key_prefix_3562dfc6_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_key_prefix_3562dfc6_like ON public.agent_key USING btree (prefix varchar_pattern_ops);


--
-- Name: agent_key_prefix_372fee_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_key_prefix_372fee_idx ON public.agent_key USING btree (prefix);


--
-- Name: agent_project_92fb6e_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_project_92fb6e_idx ON public.agent USING btree (project_id);


--
-- Name: agent_project_id_646c6367; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_project_id_646c6367 ON public.agent USING btree (project_id);


--
-- Name: agent_provide_72ac7c_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_provide_72ac7c_idx ON public.agent USING btree (provider);


--
-- Name: agent_provider_ea246a1f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_provider_ea246a1f ON public.agent USING btree (provider);


--
-- Name: agent_provider_ea246a1f_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_provider_ea246a1f_like ON public.agent USING btree (provider text_pattern_ops);


--
-- Name: agent_sessi_agent_i_5abb93_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_sessi_agent_i_5abb93_idx ON public.agent_session USING btree (agent_id);


--
-- Name: agent_session_agent_id_5238daea; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_session_agent_id_5238daea ON public.agent_session USING btree (agent_id);


--
-- Name: agent_session_agent_key_id_1fdbdabb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX agent_session_agent_key_id_1fdbdabb ON public.agent_session USING btree (agent_key_id);


--
-- Name: auth_group_name_a6ea08ec_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_name_a6ea08ec_like ON public.auth_group USING btree (name varchar_pattern_ops);


--
-- Name: auth_group_permissions_group_id_b120cbf9; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_permissions_group_id_b120cbf9 ON public.auth_group_permissions USING btree (group_id);


--
-- Name: auth_group_permissions_permission_id_84c5c92e; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_group_permissions_permission_id_84c5c92e ON public.auth_group_permissions USING btree (permission_id);


--
-- Name: auth_permission_content_type_id_2f476e4b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_permission_content_type_id_2f476e4b ON public.auth_permission USING btree (content_type_id);


--
-- Name: auth_user_groups_group_id_97559544; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_user_groups_group_id_97559544 ON public.auth_user_groups USING btree (group_id);


--
-- Name: auth_user_groups_user_id_6a12ed8b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_user_groups_user_id_6a12ed8b ON public.auth_user_groups USING btree (user_id);


--
-- Name: auth_user_user_permissions_permission_id_1fbb5f2c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_user_user_permissions_permission_id_1fbb5f2c ON public.auth_user_user_permissions USING btree (permission_id);


--
-- Name: auth_user_user_permissions_user_id_a95ead1b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_user_user_permissions_user_id_a95ead1b ON public.auth_user_user_permissions USING btree (user_id);


--
-- Name: auth_user_username_6821ab7c_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX auth_user_username_6821ab7c_like ON public.auth_user USING btree (username varchar_pattern_ops);


--
-- Name: backend_api_active_8a1b3e_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backend_api_active_8a1b3e_idx ON public.backend_api_keys USING btree (active);


--
-- Name: backend_api_keys_active_ea4ebb6a; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backend_api_keys_active_ea4ebb6a ON public.backend_api_keys USING btree (active);


--
-- Name: backend_api_keys_prefix_911215bb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backend_api_keys_prefix_911215bb ON public.backend_api_keys USING btree (prefix);


--
-- Name: backend_api_keys_prefix_911215bb_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backend_api_keys_prefix_911215bb_like ON public.backend_api_keys USING btree (prefix varchar_pattern_ops);


--
-- Name: backend_api_keys_project_id_e34fdb1b; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backend_api_keys_project_id_e34fdb1b ON public.backend_api_keys USING btree (project_id);


--
-- Name: backend_api_prefix_28808f_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backend_api_prefix_28808f_idx ON public.backend_api_keys USING btree (prefix);


--
-- Name: backend_api_project_b7df13_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX backend_api_project_b7df13_idx ON public.backend_api_keys USING btree (project_id);


--
-- Name: django_admin_log_content_type_id_c4bce8eb; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_admin_log_content_type_id_c4bce8eb ON public.django_admin_log USING btree (content_type_id);


--
-- Name: django_admin_log_user_id_c564eba6; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_admin_log_user_id_c564eba6 ON public.django_admin_log USING btree (user_id);


--
-- Name: django_session_expire_date_a5c62663; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_session_expire_date_a5c62663 ON public.django_session USING btree (expire_date);


--
-- Name: django_session_session_key_c0390e0f_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX django_session_session_key_c0390e0f_like ON public.django_session USING btree (session_key varchar_pattern_ops);


--
-- Name: project_created_86fac0_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX project_created_86fac0_idx ON public.project USING btree (created_at);


--
-- Name: project_created_by_id_6cc13408; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX project_created_by_id_6cc13408 ON public.project USING btree (created_by_id);


--
-- Name: user_projec_project_9860f0_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX user_projec_project_9860f0_idx ON public.user_project_mapping USING btree (project_id);


--
-- Name: user_projec_user_id_701466_idx; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX user_projec_user_id_701466_idx ON public.user_project_mapping USING btree (user_id);


--
-- Name: user_project_mapping_project_id_87371a1c; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX user_project_mapping_project_id_87371a1c ON public.user_project_mapping USING btree (project_id);


--
-- Name: user_project_mapping_user_id_4637066f; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX user_project_mapping_user_id_4637066f ON public.user_project_mapping USING btree (user_id);


--
-- Name: users_email_0ea73cca_like; Type: INDEX; Schema: public; Owner: -
--

CREATE INDEX users_email_0ea73cca_like ON public.users USING btree (email varchar_pattern_ops);


--
-- Name: agent agent_created_by_id_b021a6b3_fk_users_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent
    ADD CONSTRAINT agent_created_by_id_b021a6b3_fk_users_id FOREIGN KEY (created_by_id) REFERENCES public.users(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: agent_key agent_key_agent_id_f9473d23_fk_agent_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent_key
    ADD CONSTRAINT agent_key_agent_id_f9473d23_fk_agent_id FOREIGN KEY (agent_id) REFERENCES public.agent(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: agent agent_project_id_646c6367_fk_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent
    ADD CONSTRAINT agent_project_id_646c6367_fk_project_id FOREIGN KEY (project_id) REFERENCES public.project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: agent_session agent_session_agent_id_5238daea_fk_agent_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent_session
    ADD CONSTRAINT agent_session_agent_id_5238daea_fk_agent_id FOREIGN KEY (agent_id) REFERENCES public.agent(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: agent_session agent_session_agent_key_id_1fdbdabb_fk_agent_key_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.agent_session
    ADD CONSTRAINT agent_session_agent_key_id_1fdbdabb_fk_agent_key_id FOREIGN KEY (agent_key_id) REFERENCES public.agent_key(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_group_permissions auth_group_permissio_permission_id_84c5c92e_fk_auth_perm; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissio_permission_id_84c5c92e_fk_auth_perm FOREIGN KEY (permission_id) REFERENCES public.auth_permission(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_group_permissions auth_group_permissions_group_id_b120cbf9_fk_auth_group_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_group_permissions
    ADD CONSTRAINT auth_group_permissions_group_id_b120cbf9_fk_auth_group_id FOREIGN KEY (group_id) REFERENCES public.auth_group(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_permission auth_permission_content_type_id_2f476e4b_fk_django_co; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_permission
    ADD CONSTRAINT auth_permission_content_type_id_2f476e4b_fk_django_co FOREIGN KEY (content_type_id) REFERENCES public.django_content_type(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_user_groups auth_user_groups_group_id_97559544_fk_auth_group_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_groups
    ADD CONSTRAINT auth_user_groups_group_id_97559544_fk_auth_group_id FOREIGN KEY (group_id) REFERENCES public.auth_group(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_user_groups auth_user_groups_user_id_6a12ed8b_fk_auth_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_groups
    ADD CONSTRAINT auth_user_groups_user_id_6a12ed8b_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES public.auth_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_user_user_permissions auth_user_user_permi_permission_id_1fbb5f2c_fk_auth_perm; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_user_permissions
    ADD CONSTRAINT auth_user_user_permi_permission_id_1fbb5f2c_fk_auth_perm FOREIGN KEY (permission_id) REFERENCES public.auth_permission(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: auth_user_user_permissions auth_user_user_permissions_user_id_a95ead1b_fk_auth_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.auth_user_user_permissions
    ADD CONSTRAINT auth_user_user_permissions_user_id_a95ead1b_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES public.auth_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: backend_api_keys backend_api_keys_project_id_e34fdb1b_fk_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.backend_api_keys
    ADD CONSTRAINT backend_api_keys_project_id_e34fdb1b_fk_project_id FOREIGN KEY (project_id) REFERENCES public.project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_admin_log django_admin_log_content_type_id_c4bce8eb_fk_django_co; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_content_type_id_c4bce8eb_fk_django_co FOREIGN KEY (content_type_id) REFERENCES public.django_content_type(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: django_admin_log django_admin_log_user_id_c564eba6_fk_auth_user_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.django_admin_log
    ADD CONSTRAINT django_admin_log_user_id_c564eba6_fk_auth_user_id FOREIGN KEY (user_id) REFERENCES public.auth_user(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: project project_created_by_id_6cc13408_fk_users_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.project
    ADD CONSTRAINT project_created_by_id_6cc13408_fk_users_id FOREIGN KEY (created_by_id) REFERENCES public.users(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: user_project_mapping user_project_mapping_project_id_87371a1c_fk_project_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_project_mapping
    ADD CONSTRAINT user_project_mapping_project_id_87371a1c_fk_project_id FOREIGN KEY (project_id) REFERENCES public.project(id) DEFERRABLE INITIALLY DEFERRED;


--
-- Name: user_project_mapping user_project_mapping_user_id_4637066f_fk_users_id; Type: FK CONSTRAINT; Schema: public; Owner: -
--

ALTER TABLE ONLY public.user_project_mapping
    ADD CONSTRAINT user_project_mapping_user_id_4637066f_fk_users_id FOREIGN KEY (user_id) REFERENCES public.users(id) DEFERRABLE INITIALLY DEFERRED;


--
-- PostgreSQL database dump complete
--

\unrestrict TEFIeXRlba3ZzegbEeIiDAvH5l15myDdHnC1hBEDGRkN26iE7uqKX31KlqdIJ1V

